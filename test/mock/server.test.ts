// The same handlers behind the local HTTP server (127.0.0.1, a free port): the client reaches
// it over a real socket through `baseUrl`, with its default transport (undici's dispatcher in Node).
import { describeMatrix } from './matrix.js';
import { startMockServer } from '../../src/mock/index.js';

describeMatrix('local server', {
  async start(mocks) {
    const server = await startMockServer(mocks.flatMap((m) => m.handlers));
    return { baseUrl: server.url, stop: () => server.close() };
  },
  clientOptions: {},
});
