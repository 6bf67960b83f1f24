// GET invoice/filter (spec §4.4): the reader's page of a search and the exact total.
import { parseInvoiceFilter, parseInvoiceSort, type InvoiceFilterInput } from '../../domain/invoices/invoice-filter.js';
import type { Actor } from '../../domain/people/user.js';
import { countInvoices, listInvoicePage } from '../../store/invoice-lists.store.js';
import type { Deps } from '../deps.js';
import { loadInvoiceViews, type InvoiceViews } from '../invoices/invoice-view.js';

export interface PageRequest {
  sortBy: string | undefined;
  descending: boolean;
  offset: number;
  /** Rows to fetch (the route asks one more than it shows, to learn whether a next page exists). */
  limit: number;
}

export interface InvoicePage extends InvoiceViews {
  /** Invoices matching the search that the reader may see, all pages together. */
  total: number;
}

/**
 * A fixed number of queries whatever the page size: the page, at most one count, and the batch
 * loads of loadInvoiceViews. `total` uses the page's own predicate, rights included (fixing Q10).
 */
export async function filterInvoices(deps: Deps, actor: Actor, input: InvoiceFilterInput, page: PageRequest): Promise<InvoicePage> {
  const filter = parseInvoiceFilter(input, actor.timeZone);
  if (filter.matchesNothing) return { views: [], users: new Map(), total: 0 };
  const sort = parseInvoiceSort(page.sortBy, page.descending);
  const db = deps.store.db;
  const invoices = await listInvoicePage(db, actor, filter.criteria, sort, page.offset, page.limit);
  // A short page that is not past the end tells the total without counting.
  const total = invoices.length < page.limit && (invoices.length > 0 || page.offset === 0)
    ? page.offset + invoices.length
    : await countInvoices(db, actor, filter.criteria);
  return { ...(await loadInvoiceViews(db, actor, invoices)), total };
}
