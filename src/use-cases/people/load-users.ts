import type { User } from '../../domain/people/user.js';
import type { Executor } from '../../store/database.js';
import { findUsers } from '../../store/users.store.js';

/** The users a response references (creators, responsibles, access lists), in one query. */
export async function loadUsers(db: Executor, tenantId: number, ids: Iterable<string>): Promise<Map<string, User>> {
  const users = await findUsers(db, tenantId, [...new Set(ids)]);
  return new Map(users.map((u) => [u.id, u]));
}
