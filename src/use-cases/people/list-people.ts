// GET people: the users of the caller's tenant, paged in SQL.
import { parseNameWords } from '../../domain/contacts/contact-filter.js';
import type { Actor, User } from '../../domain/people/user.js';
import { countUsers, listUsers } from '../../store/users.store.js';
import type { Deps } from '../deps.js';

export interface PeopleListRequest {
  filterValue: string | undefined;
  offset: number;
  /** Rows to fetch (one more than a page, to learn whether another page exists). */
  limit: number;
}

/**
 * An admin sees every user of the tenant, disabled ones too; anyone else sees the active users,
 * as ONLYOFFICE's people list (which lists active users). Users of other tenants never appear.
 */
export async function listPeople(deps: Deps, actor: Actor, req: PeopleListRequest): Promise<{ users: User[]; total: number }> {
  const filter = { activeOnly: !actor.isAdmin, words: parseNameWords(req.filterValue) };
  const db = deps.store.db;
  const [users, total] = await Promise.all([
    listUsers(db, actor.tenantId, filter, Math.min(req.offset, Number.MAX_SAFE_INTEGER), req.limit),
    countUsers(db, actor.tenantId, filter),
  ]);
  return { users, total };
}
