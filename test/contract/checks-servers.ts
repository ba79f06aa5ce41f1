// Servers for the live checks' tests, in this process on 127.0.0.1: the service's mock
// (src/mock) made as strict as a real server where the mock is lenient on purpose (it accepts
// any token value and has no answer for an undeclared method), and faults layered on top of it.
// Every request they receive is kept, to prove what was (not) sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationsOf } from '../../scripts/lib/operations.mjs';
import { apigMock, cceMock, createServiceMock, vpcepMock, type ServiceMock } from '../../src/mock/index.js';

export const TOKEN = 'checks-test-token-3f9a1c';
const definitions = { apig: apigMock, cce: cceMock, vpcep: vpcepMock } as const;
export type Service = keyof typeof definitions;

export interface Received {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The honest server's answer status (before a fault changed it). */
  status?: number;
}

/** (request, honest answer) -> what the server sends instead. */
export type Fault = (request: Request, honest: (request: Request) => Promise<Response>) => Promise<Response>;

export interface CheckedServer {
  url: string;
  mock: ServiceMock;
  received: Received[];
  close(): Promise<void>;
}

export async function startCheckedServer(service: Service, doc: any, fault?: Fault): Promise<CheckedServer> {
  const mock = createServiceMock(definitions[service]);
  const templates = [...new Set(operationsOf(doc).map((op: any) => op.path as string))].map((path) => ({
    methods: operationsOf(doc).filter((op: any) => op.path === path).map((op: any) => op.method.toUpperCase() as string),
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}/?$`),
  }));
  const received: Received[] = [];

  async function honest(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    // As a real server: a token it did not issue is no credential.
    if (headers.has('x-auth-token') && headers.get('x-auth-token') !== TOKEN) headers.delete('x-auth-token');
    const strict = new Request(request, { headers });
    if (!mock.match(strict)) {
      const declared = templates.find((t) => t.pattern.test(new URL(request.url).pathname));
      if (declared) {
        return new Response(JSON.stringify({ error_code: 'APIGW.0101', error_msg: 'method not allowed' }), {
          status: 405,
          headers: { 'content-type': 'application/json', allow: declared.methods.join(', ') },
        });
      }
    }
    return (await mock.handle(strict)) ?? new Response(JSON.stringify({ error_code: 'APIGW.0101', error_msg: 'no such path' }), { status: 404, headers: { 'content-type': 'application/json' } });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const headers = new Headers();
        for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
        const method = req.method ?? 'GET';
        const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method, headers, ...(['GET', 'HEAD'].includes(method) || body.length === 0 ? {} : { body }) });
        const entry: Received = { method, url: req.url ?? '/', headers: Object.fromEntries(headers), body: body.toString('utf8') };
        received.push(entry);
        const answer = fault
          ? await fault(request, async (r) => {
              const response = await honest(r);
              entry.status = response.status;
              return response;
            })
          : await honest(request);
        entry.status ??= answer.status;
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        // Streamed: a fault may send part of a body and then stall.
        const reader = answer.body?.getReader();
        for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) res.write(part.value);
        res.end();
      })().catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`test server failed: ${error.message}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mock,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
