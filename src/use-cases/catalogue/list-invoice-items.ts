import { parseItemFilter, parseItemOrder } from '../../domain/invoices/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import { countItems, listItems } from '../../store/catalogue.store.js';
import type { Deps } from '../deps.js';
import { loadItemViews, type InvoiceItemView, type Presentable } from './catalogue-views.js';

export interface InvoiceItemListRequest {
  /** Search text: space-separated words, each a prefix of a word of the title, description or SKU. */
  filterValue: string | undefined;
  /** Only items that track their stock (true) or do not (false). */
  inventoryStock: boolean | undefined;
  sortBy: string | undefined;
  descending: boolean;
  offset: number;
  /** Rows to fetch (the caller asks for one more than a page to learn whether another exists). */
  limit: number;
}

/**
 * GET invoiceitem/filter (spec §5.4): any CRM user. A page costs a fixed number of queries: the
 * page, its total (same predicate, quirk Q10 fixed), and the batch loads of loadItemViews.
 */
export async function listInvoiceItems(deps: Deps, actor: Actor, req: InvoiceItemListRequest): Promise<Presentable<InvoiceItemView> & { total: number }> {
  const filter = parseItemFilter(req.filterValue, req.inventoryStock);
  if (filter.matchesNothing) return { views: [], users: new Map(), total: 0 };
  const order = parseItemOrder(req.sortBy, req.descending);
  const db = deps.store.db;
  const [items, total] = await Promise.all([
    // A start beyond any table is an empty page; beyond 2^53 the drivers would refuse it (a 500).
    listItems(db, actor.tenantId, filter, order, Math.min(req.offset, Number.MAX_SAFE_INTEGER), req.limit),
    countItems(db, actor.tenantId, filter),
  ]);
  return { ...(await loadItemViews(db, actor, items)), total };
}
