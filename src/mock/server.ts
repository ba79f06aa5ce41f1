// An in-process HTTP server on 127.0.0.1 that answers with MSW handlers, for clients MSW's
// interceptors do not see (undici.request, undici's own fetch, other processes): point the
// client's `baseUrl` at `server.url`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';
import { mockErrorResponse } from './respond.js';

export interface MockServer {
  /** `http://127.0.0.1:<port>`: the client's `baseUrl`. */
  readonly url: string;
  /** Prepends handlers (they win), like MSW's `server.use()`. */
  use(...handlers: RequestHandler[]): void;
  /** Drops the handlers added with `use()`. */
  resetHandlers(): void;
  /** Stops the server and closes every open connection. */
  close(): Promise<void>;
}

export interface MockServerOptions {
  /** Default 0: a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. */
  host?: string | undefined;
}

export async function startMockServer(handlers: RequestHandler[], options: MockServerOptions = {}): Promise<MockServer> {
  const initial = [...handlers];
  let current = [...initial];
  // Loaded here so that the rest of the mock module also runs in a browser.
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    serve(req, res, current).catch((error: unknown) => {
      // Never leave the client waiting: answer, or drop the connection if headers went out.
      if (res.headersSent) res.destroy(error as Error);
      else void write(res, mockErrorResponse(500, `mock failed: ${(error as Error).message}`));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    use: (...more) => {
      current = [...more, ...current];
    },
    resetHandlers: () => {
      current = [...initial];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, handlers: RequestHandler[]): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = !['GET', 'HEAD'].includes(req.method ?? 'GET') && chunks.length > 0;
  const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`), {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
  const response = (await getResponse(handlers, request)) ?? mockErrorResponse(404, `no handler for ${request.method} ${new URL(request.url).pathname}`);
  await write(res, response);
}

async function write(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(body);
}
