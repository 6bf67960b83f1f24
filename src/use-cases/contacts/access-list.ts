import { invalid } from '../../domain/errors.js';
import type { Executor } from '../../store/database.js';
import { findUsers } from '../../store/users.store.js';

/** A contact's managerList must name users of the caller's own portal (an unknown id is a 400, not a silent grant). */
export async function assertManagersExist(db: Executor, tenantId: number, managers: readonly string[]): Promise<void> {
  if (managers.length === 0) return;
  const found = new Set((await findUsers(db, tenantId, managers)).map((u) => u.id));
  const missing = managers.find((id) => !found.has(id));
  if (missing) throw invalid(`managerList: ${missing} is not a user of this portal`);
}
