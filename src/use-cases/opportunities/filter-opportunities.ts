// GET opportunity/filter (a page and its exact total) and GET opportunity/bycontact/{id}. The
// reader's rights are part of the SQL (store: whereOpportunityAccessible), so pages and totals
// never count what the reader may not see; a page costs a fixed number of statements.
import { canReadContact } from '../../domain/contacts/contact.js';
import { notFound } from '../../domain/errors.js';
import { parseOpportunityFilter, parseOpportunitySort, type OpportunityFilterInput } from '../../domain/opportunities/opportunity-filter.js';
import type { Actor } from '../../domain/people/user.js';
import { findContact } from '../../store/contacts.store.js';
import { countOpportunities, listOpportunityPage } from '../../store/opportunities.store.js';
import type { Deps } from '../deps.js';
import { loadOpportunityViews, type OpportunityViews } from './opportunity-view.js';

export interface OpportunityPageRequest {
  sortBy: string | undefined;
  descending: boolean;
  offset: number;
  /** Rows to fetch (the route asks one more than it shows, to learn whether a next page exists). */
  limit: number;
}

export interface OpportunityPage extends OpportunityViews {
  /** Opportunities matching the search that the reader may access, all pages together. */
  total: number;
}

export async function filterOpportunities(deps: Deps, actor: Actor, input: OpportunityFilterInput, page: OpportunityPageRequest): Promise<OpportunityPage> {
  const criteria = parseOpportunityFilter(input, actor.timeZone);
  const sort = parseOpportunitySort(page.sortBy, page.descending);
  const db = deps.store.db;
  const list = await listOpportunityPage(db, actor, criteria, sort, page.offset, page.limit);
  // A short page that is not past the end tells the total without counting.
  const total = list.length < page.limit && (list.length > 0 || page.offset === 0)
    ? page.offset + list.length
    : await countOpportunities(db, actor, criteria);
  return { ...(await loadOpportunityViews(db, actor, list)), total };
}

/** Opportunities having the contact as a member (the primary contact included), by id; the contact must be readable, else 404. */
export async function listContactOpportunities(deps: Deps, actor: Actor, contactId: number): Promise<OpportunityViews> {
  const db = deps.store.db;
  const contact = await findContact(db, actor.tenantId, contactId);
  if (!contact || !canReadContact(actor, contact)) throw notFound(`Contact ${contactId} is not found`);
  const list = await listOpportunityPage(db, actor, { words: [], contact: { id: contactId, primaryOnly: false } }, { key: 'id', descending: false });
  return loadOpportunityViews(db, actor, list);
}
