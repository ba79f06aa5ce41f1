import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/runtime/errors.js';
import { assertSafeHeaderValue, encodePathParam } from '../../src/runtime/safety.js';

describe('assertSafeHeaderValue', () => {
  it.each(['a\r\nX-Evil: 1', 'a\nb', 'a\rb', 'a\0b'])('rejects %j without echoing it', (v) => {
    let err: unknown;
    try {
      assertSafeHeaderValue('X-Project-Id', v);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    const msg = (err as Error).message;
    expect(msg).toContain('X-Project-Id');
    expect(msg).not.toContain(v);
    expect(msg).not.toContain('Evil');
  });

  it('accepts ordinary values', () => {
    expect(() => assertSafeHeaderValue('X-Language', 'en-us; q=0.9\t')).not.toThrow();
  });
});

describe('encodePathParam', () => {
  it('rejects dot-segments: the URL parser resolves even %2E%2E', () => {
    // Why encoding is not enough: fetch's URL parser treats %2E%2E as "..".
    expect(new URL('https://h/v1/%2E%2E/x').pathname).toBe('/x');
    for (const v of ['.', '..']) expect(() => encodePathParam(v)).toThrow(ConfigurationError);
  });

  it('keeps other values inside one segment', () => {
    expect(encodePathParam('../x')).toBe('..%2Fx');
    for (const v of ['../x', '..\\x', '%2e%2e', '%2E', '...', './', '?a=1', '#f']) {
      const u = new URL(`https://h/v1/${encodePathParam(v)}/vpc-endpoints`);
      expect(u.pathname.split('/')).toHaveLength(4);
      expect(u.pathname.startsWith('/v1/')).toBe(true);
      expect(u.pathname.endsWith('/vpc-endpoints')).toBe(true);
    }
  });

  it('encodes reserved characters and numbers', () => {
    expect(encodePathParam('a b/c?d#e')).toBe('a%20b%2Fc%3Fd%23e');
    expect(encodePathParam(42)).toBe('42');
    expect(encodePathParam('...')).toBe('...');
  });

  it('rejects an empty segment', () => {
    // An empty segment would turn /v1/{id}/x into /v1//x.
    expect(() => encodePathParam('')).toThrow(ConfigurationError);
  });
});
