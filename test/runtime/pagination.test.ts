import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/runtime/errors.js';
import { paginateOffset } from '../../src/runtime/pagination.js';

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
