// What travels between the call path and an engine (the code that puts bytes on the wire):
// plain objects, no WHATWG Request/Response on the Node hot path.

export interface WireRequest {
  method: string;
  /** `scheme://host[:port]`. */
  origin: string;
  /** Path and query, already encoded. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

export interface WireResponse {
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", " (set-cookie with "\n"). */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body was longer than the limit and was cut there (error bodies only). */
  truncated: boolean;
}

/** How much of a body to read, decided once the status is known. */
export interface BodyLimit {
  maxBytes: number;
  /** `truncate`: keep the first maxBytes and stop reading; `error`: fail with BodyTooLarge. */
  overflow: 'truncate' | 'error';
}

/** One attempt, as the transport and an engine share it. */
export interface Attempt {
  limit: (status: number) => BodyLimit;
  /** Set by the engine: stops the exchange (destroys the socket, cancels the body). */
  abort: ((reason: Error) => void) | undefined;
  /** Set by the transport when the attempt was cancelled (timeout, caller abort). */
  cancelled: Error | undefined;
}

export type Engine = (request: WireRequest, attempt: Attempt) => Promise<WireResponse>;

/** Thrown by engines when a body passes its `error` limit. */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
  ) {
    super('response body too large');
  }
}

/** Thrown by engines when a compressed body cannot be decoded. */
export class BodyDecodeError extends Error {
  override name = 'BodyDecodeError';
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly encoding: string,
  ) {
    super(`cannot decode ${encoding} body`);
  }
}

export function joinHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in raw) {
    const v = raw[name];
    if (v === undefined) continue;
    out[name.toLowerCase()] = typeof v === 'string' ? v : v.join(name.toLowerCase() === 'set-cookie' ? '\n' : ', ');
  }
  return out;
}
