// The invoice list's query string (URL map: q, status, from, to, client, currency, sort, dir,
// page): parsed leniently (an unknown value falls back to its default), and written back with
// only the values that differ from the defaults, so links stay short and shareable.
import { SORT_KEYS, type SortDir, type SortKey } from './invoice-table.js';

export const LIST_STATUSES = ['all', 'draft', 'sent', 'overdue', 'paid', 'rejected', 'archived'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
export const PAGE_SIZE = 25;

export interface ListQuery {
  q: string;
  status: ListStatus;
  /** Issue-date range, YYYY-MM-DD ('' when not set). */
  from: string;
  to: string;
  /** Contact id, 0 for any. */
  client: number;
  /** ISO code, upper case, '' for any. */
  currency: string;
  sort: SortKey;
  dir: SortDir;
  page: number;
}

export const DEFAULT_QUERY: ListQuery = { q: '', status: 'all', from: '', to: '', client: 0, currency: '', sort: 'issueDate', dir: 'desc', page: 1 };

/** A real calendar date in YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export interface ParsedListQuery {
  query: ListQuery;
  /** Fields whose value could not be read (shown in the error summary; the filter is not applied). */
  invalid: ('from' | 'to')[];
}

export function parseListQuery(params: URLSearchParams): ParsedListQuery {
  const get = (k: string) => (params.get(k) ?? '').trim();
  const invalid: ('from' | 'to')[] = [];
  const date = (k: 'from' | 'to') => {
    const v = get(k);
    if (v === '') return '';
    if (isIsoDate(v)) return v;
    invalid.push(k);
    return '';
  };
  const status = get('status').toLowerCase();
  const sort = get('sort');
  const client = Number(get('client'));
  const page = Number(get('page'));
  const currency = get('currency').toUpperCase();
  return {
    query: {
      q: get('q').slice(0, 200),
      status: (LIST_STATUSES as readonly string[]).includes(status) ? (status as ListStatus) : 'all',
      from: date('from'),
      to: date('to'),
      client: Number.isSafeInteger(client) && client > 0 ? client : 0,
      currency: /^[A-Z]{3}$/.test(currency) ? currency : '',
      sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : DEFAULT_QUERY.sort,
      dir: get('dir') === 'asc' ? 'asc' : get('dir') === 'desc' ? 'desc' : sort && sort !== DEFAULT_QUERY.sort ? 'asc' : DEFAULT_QUERY.dir,
      page: Number.isSafeInteger(page) && page > 1 ? Math.min(page, 1_000_000) : 1,
    },
    invalid,
  };
}

/** The list URL for a query (defaults left out). */
export function listHref(query: ListQuery, change: Partial<ListQuery> = {}): string {
  const q = { ...query, ...change };
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.status !== 'all') p.set('status', q.status);
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  if (q.client) p.set('client', String(q.client));
  if (q.currency) p.set('currency', q.currency);
  if (q.sort !== DEFAULT_QUERY.sort || q.dir !== DEFAULT_QUERY.dir) {
    p.set('sort', q.sort);
    p.set('dir', q.dir);
  }
  if (q.page > 1) p.set('page', String(q.page));
  const s = p.toString();
  return s ? `/app/invoices?${s}` : '/app/invoices';
}

/** Whether any filter narrows the list (the status chip, search, dates, client, currency). */
export const isFiltered = (q: ListQuery): boolean => q.status !== 'all' || !!q.q || !!q.from || !!q.to || q.client > 0 || !!q.currency;
