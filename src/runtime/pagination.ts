// The paging styles of the spec's `x-pagination` (spec/README.md):
// - offset: `offset` + `limit` per request, a `total` in the answer (VPCEP lists; in the query
//   or, `in: body`, in the request body);
// - marker: `limit` + an opaque marker per request, the next marker in the answer, absent or
//   empty on the last page (Kubernetes lists: `limit`, `continue`, `metadata.continue`).
import { ConfigurationError, HuaweiCloudError } from './errors.js';

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

export interface MarkerPage<T> {
  items: T[];
  /** The marker of the next page; absent or empty on the last one. */
  next: string | undefined;
}

export interface MarkerPaginateOptions {
  /** Items per request, 1..maxPageSize. Default 500 (kubectl's chunk size). */
  pageSize?: number;
  /** The largest page the server takes (default: no limit of its own, 2^31-1). */
  maxPageSize?: number;
  /** Start at this marker (a `continue` token of an earlier list) instead of the beginning. */
  startMarker?: string;
  /** Stop after this many items. */
  maxItems?: number;
}

/** The server handed back the marker it was just given: following it would loop for ever. */
export class PaginationError extends HuaweiCloudError {
  override name = 'PaginationError';
}

/**
 * Yields every item, following the server's markers. Options are validated on call (not on
 * first `next()`). Stops when the answer has no (or an empty) next marker, at `maxItems`, or
 * when the consumer breaks: the next page is only requested once the previous one has been
 * consumed. A marker that repeats the one just sent is an error, not the end.
 */
export function paginateMarker<T>(
  fetchPage: (marker: string | undefined, limit: number) => Promise<MarkerPage<T>>,
  opts?: MarkerPaginateOptions,
): AsyncGenerator<T> {
  const maxPage = opts?.maxPageSize ?? 2 ** 31 - 1;
  const pageSize = opts?.pageSize ?? Math.min(500, maxPage);
  const max = opts?.maxItems ?? Number.MAX_SAFE_INTEGER;
  check('maxPageSize', maxPage, 1, Number.MAX_SAFE_INTEGER);
  check('pageSize', pageSize, 1, maxPage);
  check('maxItems', max, 0, Number.MAX_SAFE_INTEGER);
  if (opts?.startMarker !== undefined && (typeof opts.startMarker !== 'string' || opts.startMarker === '')) {
    throw new ConfigurationError('startMarker must be a non-empty string (a marker the server returned)');
  }
  return markerPages(fetchPage, pageSize, opts?.startMarker, max);
}

async function* markerPages<T>(
  fetchPage: (marker: string | undefined, limit: number) => Promise<MarkerPage<T>>,
  pageSize: number,
  start: string | undefined,
  max: number,
): AsyncGenerator<T> {
  let left = max;
  let marker = start;
  while (left > 0) {
    const { items, next } = await fetchPage(marker, Math.min(pageSize, left));
    for (const item of items) {
      yield item;
      if (--left === 0) return;
    }
    if (next === undefined || next === '') return;
    if (next === marker) throw new PaginationError(`the server returned the marker it was sent (${items.length} items on that page); stopping instead of looping`);
    marker = next;
  }
}
