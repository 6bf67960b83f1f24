import type { Actor } from '../../domain/people/user.js';
import { revokeToken } from '../../store/tokens.store.js';
import type { Deps } from '../deps.js';

/** Revokes the token the caller used, at once. Basic-auth callers have no token: nothing to revoke. */
export async function logout(deps: Deps, actor: Actor): Promise<void> {
  if (actor.tokenHash) await revokeToken(deps.store.db, actor.tokenHash, deps.clock.now());
}
