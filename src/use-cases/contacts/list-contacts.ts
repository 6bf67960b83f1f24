// GET contact/filter: the contacts the reader may read, searched, sorted and paged in SQL.
import { parseContactFilter, parseContactSort, type ContactFilterInput } from '../../domain/contacts/contact-filter.js';
import type { Actor } from '../../domain/people/user.js';
import { countContacts, listContactPage } from '../../store/contacts.store.js';
import type { Deps } from '../deps.js';
import { loadContactDetailsList, type ContactDetails } from './contact-details.js';

export interface ContactListRequest extends ContactFilterInput {
  sortBy: string | undefined;
  descending: boolean;
  offset: number;
  /** Rows to fetch (one more than a page, to learn whether another page exists). */
  limit: number;
}

/**
 * The page and its total come from the same predicate, rights included (spec §3.5), so `total`
 * never counts a contact the reader may not see. Fixed statements per page: page, access lists,
 * total, then the batch loads of loadContactDetailsList.
 */
export async function listContacts(deps: Deps, actor: Actor, req: ContactListRequest): Promise<{ details: ContactDetails[]; total: number }> {
  const filter = parseContactFilter(req, actor.timeZone);
  if (filter.matchesNothing) return { details: [], total: 0 };
  const sort = parseContactSort(req.sortBy, req.descending);
  const db = deps.store.db;
  const [contacts, total] = await Promise.all([
    listContactPage(db, actor, filter.criteria, sort, Math.min(req.offset, Number.MAX_SAFE_INTEGER), req.limit),
    countContacts(db, actor, filter.criteria),
  ]);
  return { details: await loadContactDetailsList(db, actor, contacts), total };
}
