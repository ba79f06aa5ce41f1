// Which operation a request is for, and the request as the spec's validators see it:
// `{ path, query, header, body }` with parameter text turned into the documented types.
import type { MockOperation, MockParam } from './definition.js';

export interface MatchedOperation {
  op: MockOperation;
  pathParams: Record<string, string>;
}

export interface CompiledMatcher {
  op: MockOperation;
  regex: RegExp;
  names: string[];
}

/** One matcher per operation; literal paths win over templated ones. */
export function compileMatchers(operations: MockOperation[]): CompiledMatcher[] {
  return operations
    .map((op) => {
      const names: string[] = [];
      const pattern = op.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const param = /^\{([^}]+)\}$/.exec(part);
          if (!param) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          names.push(param[1]!);
          return '([^/]+)';
        })
        .join('');
      return { op, regex: new RegExp(`^${pattern}/?$`), names };
    })
    .sort((a, b) => a.names.length - b.names.length);
}

/** The URL prefixes the mock answers for; none: any origin. */
export function compileBases(baseUrl: string | string[] | undefined): { origin: string; prefix: string }[] {
  const list = baseUrl === undefined ? [] : Array.isArray(baseUrl) ? baseUrl : [baseUrl];
  return list.map((raw) => {
    const url = new URL(raw);
    return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
  });
}

/** The request's path relative to the spec's paths, or undefined when the mock does not serve it. */
export function specPathname(url: URL, bases: { origin: string; prefix: string }[]): string | undefined {
  if (bases.length === 0) return url.pathname;
  for (const base of bases) {
    if (url.origin !== base.origin) continue;
    if (url.pathname === base.prefix || url.pathname.startsWith(`${base.prefix}/`)) return url.pathname.slice(base.prefix.length) || '/';
  }
  return undefined;
}

export function matchPath(matcher: CompiledMatcher, method: string, pathname: string): MatchedOperation | undefined {
  if (matcher.op.method !== method.toLowerCase()) return undefined;
  const found = matcher.regex.exec(pathname);
  if (!found) return undefined;
  const pathParams: Record<string, string> = {};
  matcher.names.forEach((name, i) => {
    const raw = found[i + 1]!;
    try {
      pathParams[name] = decodeURIComponent(raw);
    } catch {
      pathParams[name] = raw;
    }
  });
  return { op: matcher.op, pathParams };
}

/** `text`: a body of a non-JSON media type when the operation takes several (validated as the string it is). */
export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: string }
  | { kind: 'opaque' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'unsupported'; mediaType: string };

export interface ParsedRequest {
  /** `contentType`: with several body media types, the one sent (else the first), as the request validator selects by it. */
  input: { path: Record<string, unknown>; query: Record<string, unknown>; header: Record<string, unknown>; contentType?: string; body?: unknown };
  body: ParsedBody;
}

export async function parseRequest(match: MatchedOperation, request: Request): Promise<ParsedRequest> {
  const { op } = match;
  const url = new URL(request.url);
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const header: Record<string, unknown> = {};
  // Only documented parameters are looked at: a server ignores the rest, so does the mock.
  for (const param of op.params) {
    if (param.in === 'path' && match.pathParams[param.name] !== undefined) path[param.name] = coerce(param, [match.pathParams[param.name]!]);
    if (param.in === 'query' && url.searchParams.has(param.name)) query[param.name] = coerce(param, url.searchParams.getAll(param.name));
    if (param.in === 'header' && request.headers.has(param.name)) header[param.name] = coerce(param, [request.headers.get(param.name)!]);
  }
  const body = op.body ? await readBody(op.body.mediaTypes, request) : ({ kind: 'none' } as const);
  const mediaTypes = op.body?.mediaTypes ?? [];
  const sent = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const contentType = mediaTypes.length > 1 ? (mediaTypes.find((m) => m.toLowerCase() === sent) ?? mediaTypes[0]) : undefined;
  const value = body.kind === 'json' || body.kind === 'text' ? { body: body.value } : {};
  return { input: { path, query, header, ...(contentType ? { contentType } : {}), ...value }, body };
}

async function readBody(mediaTypes: string[], request: Request): Promise<ParsedBody> {
  const text = await request.text();
  if (text.length === 0) return { kind: 'none' };
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!mediaTypes.some((m) => m.toLowerCase() === mediaType)) return { kind: 'unsupported', mediaType: mediaType || '(none)' };
  if (!/[/+]json$/.test(mediaType)) return mediaTypes.length > 1 ? { kind: 'text', value: text } : { kind: 'opaque' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'malformed', reason: (error as Error).message };
  }
}

/** Text that does not look like the documented type stays text, so the validator names it. */
function coerce(param: MockParam, values: string[]): unknown {
  if (param.type === 'array') {
    const parts = param.explode === false ? values.flatMap((v) => v.split(',')) : values;
    return parts.map((part) => scalar(param.items ?? 'string', part));
  }
  return scalar(param.type, values[values.length - 1]!);
}

function scalar(type: string, text: string): unknown {
  if ((type === 'integer' && /^-?\d+$/.test(text)) || (type === 'number' && text.trim() !== '' && Number.isFinite(Number(text)))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
