// The live checks' pieces that need no server: how a request goes on the wire (base path kept,
// values encoded as the client does, the token only in its header) and how media types match.
import { describe, expect, it } from 'vitest';
import { mediaMatches } from '../../scripts/lib/contract/conformance.mjs';
import { toWire, WRONG_TOKEN } from '../../scripts/lib/contract/wire.mjs';

const op = { method: 'GET', path: '/v1/{project_id}/things/{id}', credential: { header: 'X-Auth-Token' }, body: { mediaType: 'application/json' } };
const parts = { path: { project_id: 'p 1', id: 'a/b' }, query: { tags: ['x', 'y z'], limit: 5, filter: { k: 'v' } }, header: { 'X-Language': 'en-us' } };

describe('toWire', () => {
  it('keeps the upstream base path, encodes path and query values, and sends the token only in its header', () => {
    const wire = toWire('https://gw.example/base/', op, { ...parts, body: { a: 1 } }, { token: 'tok' });
    expect(wire.url).toBe('https://gw.example/base/v1/p%201/things/a%2Fb?tags=x&tags=y%20z&limit=5&filter%5Bk%5D=v');
    expect(wire.headers).toEqual({ 'x-language': 'en-us', 'x-auth-token': 'tok', 'content-type': 'application/json' });
    expect(wire.body).toBe('{"a":1}');
    expect(wire.shown).toEqual({ method: 'GET', path: '/base/v1/p%201/things/a%2Fb', query: '?tags=x&tags=y%20z&limit=5&filter%5Bk%5D=v' });
    expect(JSON.stringify(wire.shown)).not.toContain('tok');
  });

  it('no credential, a wrong one, a raw body and another method', () => {
    expect(toWire('http://h', op, parts, { token: 'tok', credential: 'none' }).headers).not.toHaveProperty('x-auth-token');
    expect(toWire('http://h', op, parts, { token: 'tok', credential: 'wrong' }).headers['x-auth-token']).toBe(WRONG_TOKEN);
    const raw = toWire('http://h', op, parts, { token: 'tok', method: 'PATCH', rawBody: { text: '{', contentType: 'text/plain' } });
    expect(raw).toMatchObject({ method: 'PATCH', body: '{', headers: { 'content-type': 'text/plain' } });
  });
});

describe('mediaMatches', () => {
  it.each([
    ['application/json', 'application/json; charset=utf-8', true],
    ['application/json', 'Application/JSON', true],
    ['application/*', 'application/problem+json', true],
    ['*/*', 'text/html', true],
    ['application/json', 'text/plain', false],
    ['application/json', 'application/jsonx', false],
    ['application/json', null, false],
  ])('%s vs %s: %s', (declared, actual, expected) => {
    expect(mediaMatches(declared, actual)).toBe(expected);
  });
});
