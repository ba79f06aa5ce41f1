// The mock as MSW handlers under msw/node's setupServer: the generated clients use the global
// fetch, which MSW intercepts; no socket is opened.
import { setupServer } from 'msw/node';
import { describeMatrix } from './matrix.js';

describeMatrix('setupServer', {
  start(mocks) {
    const server = setupServer(...mocks.flatMap((m) => m.handlers));
    server.listen({ onUnhandledRequest: 'error' });
    return Promise.resolve({ stop: () => server.close() });
  },
  networkErrorStatuses: new Set(),
});
