// MSW request handlers for one or more service mocks: one handler per operation, matched the
// way the spec's paths are, so `server.use(...)` overrides and `listHandlers()` work as usual.
import { http, type HttpHandler } from 'msw';
import type { MockDefinition } from './definition.js';
import { createServiceMock, type MockOptions, type ServiceMock } from './engine.js';

export interface MockHandlers {
  /** Pass to `setupServer(...handlers)` (msw/node) or `setupWorker`, or to `startMockServer`. */
  readonly handlers: HttpHandler[];
  /** The mock behind the handlers: preferences, violations, remembered resources, reset. */
  readonly mock: ServiceMock;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

export function createMockHandlers(definition: MockDefinition, options: MockOptions = {}): MockHandlers {
  const mock = createServiceMock(definition, options);
  const handlers = definition.operations.map((op) => {
    const method = METHODS.find((m) => m === op.method);
    if (!method) throw new Error(`${op.operationId}: HTTP method ${op.method} has no MSW handler`);
    return http[method](
      ({ request }) => {
        const matched = mock.match(request);
        return matched?.op === op ? { matches: true, params: matched.pathParams } : false;
      },
      async ({ request }) => mock.handle(request),
    );
  });
  return { handlers, mock };
}
