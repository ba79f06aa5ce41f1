// Offset/limit pagination (VPCEP list operations: `offset`, `limit`, `total_count`).
import { ConfigurationError } from './errors.js';

export interface OffsetPage<T> {
  items: T[];
  total: number;
}

export interface PaginateOptions {
  /** Items per request, 1..1000 (VPCEP's limit range). Default 100. */
  pageSize?: number;
  startOffset?: number;
  /** Stop after this many items. */
  maxItems?: number;
}

const MAX_PAGE = 1000;

function check(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new ConfigurationError(`${name} must be an integer in ${min}..${max}, got ${String(v)}`);
  }
}

/**
 * Yields every item. Options are validated on call (not on first `next()`).
 * Stops at `total`, on an empty page, at `maxItems`, or when the consumer breaks:
 * the next page is only requested once the previous one has been consumed.
 */
export function paginateOffset<T>(
  fetchPage: (offset: number, limit: number) => Promise<OffsetPage<T>>,
  opts?: PaginateOptions,
): AsyncGenerator<T> {
  const pageSize = opts?.pageSize ?? 100;
  const start = opts?.startOffset ?? 0;
  const max = opts?.maxItems ?? Number.MAX_SAFE_INTEGER;
  check('pageSize', pageSize, 1, MAX_PAGE);
  check('startOffset', start, 0, Number.MAX_SAFE_INTEGER);
  check('maxItems', max, 0, Number.MAX_SAFE_INTEGER);
  return pages(fetchPage, pageSize, start, max);
}

async function* pages<T>(
  fetchPage: (offset: number, limit: number) => Promise<OffsetPage<T>>,
  pageSize: number,
  offset: number,
  max: number,
): AsyncGenerator<T> {
  let left = max;
  while (left > 0) {
    const { items, total } = await fetchPage(offset, Math.min(pageSize, left));
    if (items.length === 0) return;
    for (const item of items) {
      yield item;
      if (--left === 0) return;
    }
    offset += items.length;
    // A missing or nonsensical total just means "until an empty page".
    if (Number.isFinite(total) && total >= 0 && offset >= total) return;
  }
}
