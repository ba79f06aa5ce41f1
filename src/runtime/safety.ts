// Guards against header injection and path traversal through user-supplied values.
import { ConfigurationError } from './errors.js';

const UNSAFE_HEADER = /[\r\n\0]/;

/** Throws if a header value could split or truncate the header; the value is never echoed. */
export function assertSafeHeaderValue(name: string, value: string): void {
  if (UNSAFE_HEADER.test(value)) {
    throw new ConfigurationError(`Header ${JSON.stringify(name)} contains CR, LF or NUL`);
  }
}

/**
 * Encodes one path segment (`/`, `?`, `#` included). A segment of `.` or `..`
 * is rejected: the WHATWG URL parser (fetch) treats `%2E`/`%2E%2E` as dot-segments
 * too, so no encoding of them is safe. Empty segments are rejected as well.
 */
export function encodePathParam(value: string | number): string {
  const s = String(value);
  if (s === '' || s === '.' || s === '..') {
    throw new ConfigurationError(`Path parameter must not be empty, "." or ".."`);
  }
  return encodeURIComponent(s);
}
