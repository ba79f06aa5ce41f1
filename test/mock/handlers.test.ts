// The mock as MSW handlers under msw/node's setupServer. MSW intercepts the global fetch, not
// undici's dispatcher (the clients' default in Node), so the clients are given `fetch` (bound
// late, so it reaches MSW's patched fetch); no socket is opened.
import { setupServer } from 'msw/node';
import { describeMatrix } from './matrix.js';

describeMatrix('setupServer', {
  start(mocks) {
    const server = setupServer(...mocks.flatMap((m) => m.handlers));
    server.listen({ onUnhandledRequest: 'error' });
    return Promise.resolve({ stop: () => server.close() });
  },
  clientOptions: { fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init) },
});
