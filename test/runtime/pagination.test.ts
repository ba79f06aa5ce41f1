import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/runtime/errors.js';
import { paginateMarker, paginateOffset, PaginationError } from '../../src/runtime/pagination.js';

function source(total: number, reportedTotal = total) {
  const calls: [number, number][] = [];
  const all = Array.from({ length: total }, (_, i) => i);
  const fetchPage = async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    return { items: all.slice(offset, offset + limit), total: reportedTotal };
  };
  return { calls, fetchPage };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('paginateOffset', () => {
  it('walks pages and stops at total without an extra request', async () => {
    const s = source(25);
    expect(await collect(paginateOffset(s.fetchPage, { pageSize: 10 }))).toEqual([...Array(25).keys()]);
    expect(s.calls).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
  });

  it('stops exactly at total when it is a multiple of the page size', async () => {
    const s = source(20);
    await collect(paginateOffset(s.fetchPage, { pageSize: 10 }));
    expect(s.calls).toHaveLength(2);
  });

  it('stops on an empty page even if total claims more', async () => {
    const s = source(5, 100);
    expect(await collect(paginateOffset(s.fetchPage, { pageSize: 2 }))).toHaveLength(5);
    expect(s.calls.at(-1)).toEqual([5, 2]);
    expect(s.calls).toHaveLength(4);
  });

  it('makes no further request after the consumer breaks', async () => {
    const s = source(100);
    const seen: number[] = [];
    for await (const x of paginateOffset(s.fetchPage, { pageSize: 10 })) {
      seen.push(x);
      if (x === 10) break;
    }
    expect(seen).toHaveLength(11);
    expect(s.calls).toEqual([
      [0, 10],
      [10, 10],
    ]);
  });

  it('honours startOffset and maxItems (asking only for what is needed)', async () => {
    const s = source(100);
    expect(await collect(paginateOffset(s.fetchPage, { pageSize: 10, startOffset: 5, maxItems: 12 }))).toEqual([
      5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]);
    expect(s.calls).toEqual([
      [5, 10],
      [15, 2],
    ]);
  });

  it('validates options eagerly', () => {
    const f = source(1).fetchPage;
    for (const pageSize of [0, 1001, 1.5, Number.NaN]) {
      expect(() => paginateOffset(f, { pageSize })).toThrow(ConfigurationError);
    }
    expect(() => paginateOffset(f, { startOffset: -1 })).toThrow(ConfigurationError);
    expect(() => paginateOffset(f, { pageSize: 1000 })).not.toThrow();
  });

  it('propagates a page error', async () => {
    const it = paginateOffset(async () => Promise.reject(new Error('boom')));
    await expect(it.next()).rejects.toThrow('boom');
  });
});

/** A marker-paged list of `total` items; the marker is the next offset as text, like an opaque token. */
function markerSource(total: number, { emptyPagesEvery = 0, lastMarker = undefined as string | undefined } = {}) {
  const calls: [string | undefined, number][] = [];
  const all = Array.from({ length: total }, (_, i) => i);
  const fetchPage = async (marker: string | undefined, limit: number) => {
    calls.push([marker, limit]);
    const offset = marker === undefined ? 0 : Number(marker.slice(1).split('~')[0]);
    // Some servers return short or empty pages while the token says there is more (Kubernetes with selectors).
    const empty = emptyPagesEvery > 0 && calls.length % emptyPagesEvery === 0;
    const items = empty ? [] : all.slice(offset, offset + limit);
    const end = offset + items.length;
    // A server that filtered a whole page away still moves its token on (here: a new suffix).
    return { items, next: end < total || empty ? `m${end}~${calls.length}` : lastMarker };
  };
  return { calls, fetchPage };
}

describe('paginateMarker', () => {
  it('follows the markers and stops when the answer has none, without an extra request', async () => {
    const s = markerSource(7);
    expect(await collect(paginateMarker(s.fetchPage, { pageSize: 3 }))).toEqual([...Array(7).keys()]);
    expect(s.calls).toEqual([
      [undefined, 3],
      ['m3~1', 3],
      ['m6~2', 3],
    ]);
  });

  it('stops on an empty marker as on an absent one', async () => {
    const s = markerSource(4, { lastMarker: '' });
    expect(await collect(paginateMarker(s.fetchPage, { pageSize: 2 }))).toEqual([0, 1, 2, 3]);
    expect(s.calls).toHaveLength(2);
  });

  it('goes on past an empty page that still carries a marker', async () => {
    const s = markerSource(6, { emptyPagesEvery: 2 });
    expect(await collect(paginateMarker(s.fetchPage, { pageSize: 2 }))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.calls.length).toBeGreaterThan(3);
  });

  it('honours maxItems, asking only for what is needed, and startMarker', async () => {
    const s = markerSource(100);
    expect(await collect(paginateMarker(s.fetchPage, { pageSize: 10, maxItems: 12, startMarker: 'm50' }))).toEqual([
      50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61,
    ]);
    expect(s.calls).toEqual([
      ['m50', 10],
      ['m60~1', 2],
    ]);
    const none = markerSource(5);
    expect(await collect(paginateMarker(none.fetchPage, { maxItems: 0 }))).toEqual([]);
    expect(none.calls).toHaveLength(0);
  });

  it('makes no further request after the consumer breaks', async () => {
    const s = markerSource(100);
    for await (const x of paginateMarker(s.fetchPage, { pageSize: 10 })) if (x === 10) break;
    expect(s.calls).toEqual([
      [undefined, 10],
      ['m10~1', 10],
    ]);
  });

  it('checks its options when called, before any request', () => {
    const s = markerSource(1);
    for (const pageSize of [0, -1, 1.5, Number.NaN]) expect(() => paginateMarker(s.fetchPage, { pageSize })).toThrow(ConfigurationError);
    expect(() => paginateMarker(s.fetchPage, { pageSize: 11, maxPageSize: 10 })).toThrow(ConfigurationError);
    expect(() => paginateMarker(s.fetchPage, { maxItems: -1 })).toThrow(ConfigurationError);
    expect(() => paginateMarker(s.fetchPage, { startMarker: '' })).toThrow(ConfigurationError);
    expect(s.calls).toHaveLength(0);
  });

  it('refuses to loop when the server hands back the marker it was sent', async () => {
    const calls: (string | undefined)[] = [];
    const stuck = async (marker: string | undefined) => {
      calls.push(marker);
      return { items: [1], next: 'same' };
    };
    await expect(collect(paginateMarker(stuck, { pageSize: 1 }))).rejects.toThrow(PaginationError);
    expect(calls).toEqual([undefined, 'same']);
  });

  it('propagates a page error', async () => {
    await expect(paginateMarker(async () => Promise.reject(new Error('boom'))).next()).rejects.toThrow('boom');
  });
});
