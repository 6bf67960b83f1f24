// PUT people/{userid}: names for oneself; everything else for admins (domain/people/user-rules.ts).
import { diffFields } from '../../domain/audit/audit.js';
import { computeUserUpdate, userAuditView, type UserChange } from '../../domain/people/user-rules.js';
import type { Actor, User } from '../../domain/people/user.js';
import { revokeUserTokens } from '../../store/tokens.store.js';
import { isUniqueViolation } from '../../store/rows.js';
import { emailExists, findUser, lockUsers, updateUser } from '../../store/users.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { duplicateEmail, findPersonByRef, userNotFound } from './people.js';

export async function updatePerson(deps: Deps, actor: Actor, ref: string, change: UserChange): Promise<User> {
  const found = await findPersonByRef(deps.store.db, actor, ref);
  if (!found) throw userNotFound();
  const now = deps.clock.now();
  await deps.store.transaction(async (trx) => {
    const [before] = await lockUsers(trx, deps.store.dialect, actor.tenantId, [found.id]);
    if (!before) throw userNotFound();
    const after = computeUserUpdate(actor, before, change);
    // E-mail addresses are unique across the server (DECISIONS); the unique index is the backstop.
    if (after.email !== before.email && (await emailExists(trx, after.email))) throw duplicateEmail(after.email);
    try {
      await updateUser(trx, actor.tenantId, before.id, after);
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateEmail(after.email);
      throw e;
    }
    // A disabled user's sessions end for good: enabling them again does not revive old tokens.
    if (before.isActive && !after.isActive) await revokeUserTokens(trx, before.id, now);
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'user.updated', targetType: 'user', targetIds: [before.id], changes: diffFields(userAuditView(before), userAuditView(after)),
    });
  });
  return (await findUser(deps.store.db, actor.tenantId, found.id))!;
}
