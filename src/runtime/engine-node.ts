// The Node engine: undici's dispatcher API straight from plain objects to the socket (keep-alive
// Agent, or EnvHttpProxyAgent when proxy variables are set). Loaded lazily by the transport, so
// browser bundles of the clients never reach undici or node: modules.
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import zlib from 'node:zlib';
import { BodyDecodeError, BodyTooLarge, joinHeaders, type Attempt, type Engine, type WireRequest, type WireResponse } from './wire.js';

let shared: Dispatcher | undefined;

function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['HTTPS_PROXY'] || env['https_proxy'] || env['HTTP_PROXY'] || env['http_proxy']);
}

/** One process-wide dispatcher: keep-alive connections are shared by every client. */
export function defaultDispatcher(): Dispatcher {
  // EnvHttpProxyAgent reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case). https targets are
  // always tunnelled (CONNECT); plain http ones go to the proxy in absolute form, as proxies expect.
  return (shared ??= proxyConfigured(process.env)
    ? new EnvHttpProxyAgent({ proxyTunnel: false, keepAliveTimeout: 10_000 })
    : new Agent({ keepAliveTimeout: 10_000 }));
}

const EMPTY = new Uint8Array(0);

function decode(body: Buffer, encoding: string, maxBytes: number): Buffer {
  const opts = { maxOutputLength: Math.max(1, maxBytes) + 1 };
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body, { ...opts, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return zlib.inflateSync(body, opts);
    case 'br':
      return zlib.brotliDecompressSync(body, opts);
    default:
      throw new Error(`unsupported content-encoding ${encoding}`);
  }
}

class Exchange implements Dispatcher.DispatchHandler {
  private status = 0;
  private statusText = '';
  private headers: Record<string, string> = {};
  private chunks: Buffer[] = [];
  private size = 0;
  private max = Infinity;
  private overflow: 'truncate' | 'error' = 'error';
  private settled = false;

  constructor(
    private readonly attempt: Attempt,
    private readonly resolve: (r: WireResponse) => void,
    private readonly reject: (e: unknown) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    const a = this.attempt;
    if (a.cancelled) controller.abort(a.cancelled);
    else a.abort = (reason) => controller.abort(reason);
  }

  onResponseStart(controller: Dispatcher.DispatchController, status: number, headers: Record<string, string | string[]>, statusText?: string): void {
    if (status < 200) return; // 1xx informational
    this.status = status;
    this.statusText = statusText ?? '';
    this.headers = joinHeaders(headers);
    const limit = this.attempt.limit(status);
    this.max = limit.maxBytes;
    this.overflow = limit.overflow;
    const length = Number(this.headers['content-length']);
    if (this.overflow === 'error' && length > this.max) this.fail(controller, new BodyTooLarge(status, this.headers));
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    const room = this.max - this.size;
    if (chunk.length > room) {
      if (this.overflow === 'error') return this.fail(controller, new BodyTooLarge(this.status, this.headers));
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.size = this.max;
      this.finish(true);
      controller.abort(new Error('body truncated')); // stop the rest from arriving
      return;
    }
    this.size += chunk.length;
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.finish(false);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  private fail(controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
    controller.abort(error);
  }

  private finish(truncated: boolean): void {
    if (this.settled) return;
    this.settled = true;
    let body: Uint8Array = this.chunks.length === 0 ? EMPTY : this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    const encoding = this.headers['content-encoding']?.trim().toLowerCase();
    if (encoding && encoding !== 'identity' && body.length > 0) {
      try {
        body = decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), encoding, this.max);
      } catch (e) {
        const tooBig = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        if (this.overflow === 'truncate') {
          body = EMPTY;
          truncated = true;
        } else {
          this.reject(tooBig ? new BodyTooLarge(this.status, this.headers) : new BodyDecodeError(this.status, this.headers, encoding));
          return;
        }
      }
      if (body.length > this.max) {
        if (this.overflow === 'error') return this.reject(new BodyTooLarge(this.status, this.headers));
        body = body.subarray(0, this.max);
        truncated = true;
      }
    }
    this.resolve({ status: this.status, statusText: this.statusText, headers: this.headers, body, truncated });
  }
}

export function createNodeEngine(dispatcher?: Dispatcher): Engine {
  const d = dispatcher ?? defaultDispatcher();
  return (req: WireRequest, attempt: Attempt) =>
    new Promise<WireResponse>((resolve, reject) => {
      // Compressed bodies are decoded here (within the size cap); fetch does this on its own.
      req.headers['accept-encoding'] ??= 'gzip, deflate, br';
      d.dispatch(
        {
          origin: req.origin,
          path: req.path,
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
          // Our deadlines bound the exchange; undici's own 300 s timers stay as a backstop.
        },
        new Exchange(attempt, resolve, reject),
      );
    });
}
