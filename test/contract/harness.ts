// The generated client of a service, pointed at its Prism mock (from the globalSetup), with a
// fetch that records what was sent and received: proof that a request was (or was not) sent,
// and Prism's `sl-violations` header, which names what broke the spec.
import { inject, vi } from 'vitest';
import type { LoadedSpec } from '../support/specs.js';

export const PROJECT_ID = '6e9dfd51d1124e8d8498dce894923a0d';

export interface Violation {
  location: string[];
  severity: string;
  code?: string;
  message: string;
}

export interface ServiceHarness {
  /** A generated client method by operationId, called with (flat input, call options). */
  method(operationId: string): (input: object, options?: object) => Promise<unknown>;
  /** Every request the client handed to fetch, and the response it got. */
  exchanges: { request: Request; response: Response }[];
  fetch: ReturnType<typeof vi.fn>;
  /** The service's typed error class (VpcepError, ApigError, CceError). */
  ErrorClass: new (...args: any[]) => Error;
  RequestValidationError: new (...args: any[]) => Error;
  validators: Record<string, (data: unknown) => boolean>;
  reset(): void;
}

export function mockUrl(service: string): string {
  const url = inject('prismUrls')[service];
  if (!url) throw new Error(`no Prism mock for ${service}: is test/setup/prism.global.ts in vitest's globalSetup?`);
  return url;
}

/**
 * @param send what the client's fetch does (default: really send it); the fuzzer's offline
 *   client passes one that throws, to check the client's own validation 10,000 times fast.
 */
export async function harness(
  spec: LoadedSpec,
  { baseUrl = mockUrl(spec.name), send = sendOnce }: { baseUrl?: string; send?: (request: Request) => Promise<Response> } = {},
): Promise<ServiceHarness> {
  // `.ts`: Vite turns a variable import into a glob, which must match the file on disk.
  const module = await import(`../../generated/${spec.name}/index.ts`);
  const { validators } = await import(`../../generated/${spec.name}/validators.js`);
  const pascal: string = spec.model.pascal;
  const exchanges: ServiceHarness['exchanges'] = [];
  const fetchSpy = vi.fn(async (request: Request) => {
    const response = await send(request);
    exchanges.push({ request, response });
    return response;
  });
  const client = module[`create${pascal}Client`]({
    baseUrl,
    projectId: PROJECT_ID,
    auth: { token: 'contract-test-token' },
    validateResponses: true,
    retry: false,
    fetch: fetchSpy,
  });
  return {
    method(operationId) {
      const op = spec.model.operations.find((o: any) => o.operationId === operationId);
      if (!op || typeof client[op.methodName] !== 'function') throw new Error(`${spec.name}: no client method for ${operationId}`);
      return client[op.methodName];
    },
    exchanges,
    fetch: fetchSpy,
    ErrorClass: module[`${pascal}Error`],
    RequestValidationError: module.RequestValidationError,
    validators,
    reset() {
      exchanges.length = 0;
      fetchSpy.mockClear();
    },
  };
}

/**
 * fetch to the local mock, resent once when the kept-alive socket was closed under it (undici's
 * UND_ERR_SOCKET: a transport race with Prism's server, not an answer; seen once in 50,000 fuzz
 * requests). Any other failure, and any answer, is returned as it is.
 */
async function sendOnce(request: Request): Promise<Response> {
  const spare = request.clone();
  try {
    return await fetch(request);
  } catch (error: any) {
    if (error?.cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(spare);
  }
}

/** Prism's verdict on the last exchange: its `sl-violations` header, parsed. */
export function violationsOf(response: Response | undefined): Violation[] {
  const header = response?.headers.get('sl-violations');
  return header ? (JSON.parse(header) as Violation[]) : [];
}

/**
 * Does one of Prism's violations point at `path` (['body', 'ports', 0])? Prism reports a
 * missing or undeclared property at the object holding it, naming the property in the message
 * (`must have required property 'port_id'`, `Body parameter is required`).
 */
export function namesField(violations: Violation[], path: (string | number)[]): boolean {
  // Prism writes query and header names in lower case (`query.fieldvalidation`).
  const caseless = path[0] === 'query' || path[0] === 'header';
  const target = path.map((s) => (caseless ? String(s).toLowerCase() : String(s)));
  const parent = target.slice(0, -1);
  const last = target[target.length - 1]!;
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((s, i) => s === b[i]);
  return violations.some((v) => {
    // Prism keeps JSON Pointer escapes in its segments (`~1` for `/`).
    const location = (v.location[0] === 'request' ? v.location.slice(1) : v.location)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (caseless ? s.toLowerCase() : s));
    const named = v.message.includes(`'${last}'`) || new RegExp(`\\b${last.replace(/\W/g, '\\$&')}\\b`, 'i').test(v.message);
    return same(location, target) || (same(location, parent) && named);
  });
}
