// PUT people/status/{status} with userIds (ONLYOFFICE UpdateUserStatus): admins enable or disable
// users of their tenant. A disabled user cannot log in, and their tokens answer 401 at once.
import { diffFields } from '../../domain/audit/audit.js';
import { checkStatusChange, parseUserStatus, userAuditView } from '../../domain/people/user-rules.js';
import type { Actor, User } from '../../domain/people/user.js';
import { revokeUserTokens } from '../../store/tokens.store.js';
import { findUsers, lockUsers, updateUsersActive } from '../../store/users.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';

/**
 * Unknown ids and other tenants' users are skipped (they do not exist for the caller), as the
 * original skips them. The caller's own id refuses the whole request (403), before any write.
 * Answers the users found, as they are after the change, in the order of the ids.
 */
export async function changeUsersStatus(deps: Deps, actor: Actor, status: string, userIds: readonly string[]): Promise<User[]> {
  checkStatusChange(actor, userIds);
  const isActive = parseUserStatus(status) === 'active';
  const now = deps.clock.now();
  const ids = [...new Set(userIds)];
  await deps.store.transaction(async (trx) => {
    const changed = (await lockUsers(trx, deps.store.dialect, actor.tenantId, ids)).filter((u) => u.isActive !== isActive);
    await updateUsersActive(trx, actor.tenantId, changed.map((u) => u.id), isActive);
    const audit = auditContext(deps, trx, actor, now);
    for (const u of changed) {
      // A disabled user's sessions end for good: enabling them again does not revive old tokens.
      if (!isActive) await revokeUserTokens(trx, u.id, now);
      await recordAudit(audit, {
        action: 'user.status-changed', targetType: 'user', targetIds: [u.id],
        changes: diffFields(userAuditView(u), userAuditView({ ...u, isActive })),
      });
    }
  });
  const users = new Map((await findUsers(deps.store.db, actor.tenantId, ids)).map((u) => [u.id, u]));
  return ids.flatMap((id) => users.get(id) ?? []);
}
