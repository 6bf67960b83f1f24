// "Smart list" parameters (spec §1.6), read once for every list route, and the envelope members
// they produce (startIndex, nextIndex, total).
import type { FastifyRequest } from 'fastify';
import type { ListMeta } from './envelope.js';

export const MAX_PAGE = 1000;

export interface ListQuery {
  /** Page size, clamped to 0..1000 (spec §1.6; larger is clamped, not refused). Default 1000. */
  count: number;
  startIndex: number;
  sortBy: string | undefined;
  /** Only the exact, case-sensitive `descending` (spec §1.6). */
  descending: boolean;
  filterValue: string | undefined;
}

/** The value of a smart-list parameter: any letter case, first occurrence, text before the first comma (quirk Q24). */
function param(params: URLSearchParams, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of params) if (k.toLowerCase() === lower) return v.split(',')[0];
  return undefined;
}

// Clamped to a safe integer: an absurd startIndex reads an empty page rather than overflowing SQL.
const unsigned = (text: string | undefined): number | undefined =>
  text !== undefined && /^\+?\d+$/.test(text.trim()) ? Math.min(Number(text.trim()), 2 ** 31 - 1) : undefined;

export function parseListQuery(req: FastifyRequest): ListQuery {
  const url = req.raw.url ?? '';
  const q = url.indexOf('?');
  const params = new URLSearchParams(q >= 0 ? url.slice(q + 1) : '');
  const count = unsigned(param(params, 'count'));
  const sortBy = param(params, 'sortBy')?.trim();
  const filterValue = param(params, 'filterValue');
  return {
    count: Math.min(count ?? MAX_PAGE, MAX_PAGE),
    startIndex: unsigned(param(params, 'startIndex')) ?? 0,
    sortBy: sortBy ? sortBy : undefined,
    descending: param(params, 'sortOrder') === 'descending',
    filterValue: filterValue === undefined || filterValue === '' ? undefined : filterValue,
  };
}

/**
 * Rows to fetch for a page: count + 1, to learn whether another page exists. A page size of 0
 * still returns one item, as the original does (quirk Q24).
 */
export const fetchSize = (q: ListQuery): number => Math.max(q.count, 1) + 1;

/** Envelope members of a DAO-paginated page: `nextIndex` when more rows exist; `total` always. */
export function pageMeta(q: ListQuery, fetched: number, total: number): ListMeta {
  const size = Math.max(q.count, 1);
  return {
    startIndex: q.startIndex,
    ...(fetched > size ? { nextIndex: q.startIndex + q.count + 1 } : {}),
    total,
  };
}

/** The page itself: at most `count` (or 1 when count is 0) of the fetched rows. */
export const pageOf = <T>(q: ListQuery, rows: readonly T[]): T[] => rows.slice(0, Math.max(q.count, 1));
