import { DomainError } from '../../domain/errors.js';
import { DUMMY_HASH, verifyPassword } from '../../domain/auth/passwords.js';
import { hashToken, newToken } from '../../domain/auth/tokens.js';
import { normaliseEmail } from '../../domain/people/user.js';
import { findTenant } from '../../store/tenants.store.js';
import { insertToken } from '../../store/tokens.store.js';
import { findUserCredentialsByEmail } from '../../store/users.store.js';
import type { Deps } from '../deps.js';

const failed = () => new DomainError('AUTHENTICATION_FAILED', 'User authentication failed');

/** Checks e-mail and password; the user, or an AUTHENTICATION_FAILED error. Same cost for unknown users. */
export async function verifyCredentials(deps: Deps, userName: string, password: string) {
  const user = await findUserCredentialsByEmail(deps.store.db, normaliseEmail(userName));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.isActive) throw failed();
  return user;
}

/** POST /api/2.0/authentication: a new token for valid credentials (spec §1.2), and the user's tenant time zone. */
export async function login(deps: Deps, userName: string | undefined, password: string | undefined): Promise<{ token: string; expires: Date; timeZone: string }> {
  if (!userName || !password) throw failed();
  const user = await verifyCredentials(deps, userName, password);
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = now + deps.config.tokenTtlMs;
  await insertToken(deps.store.db, { hash: hashToken(token), tenantId: user.tenantId, userId: user.id, now, expiresAt });
  const tenant = await findTenant(deps.store.db, user.tenantId);
  return { token, expires: new Date(expiresAt), timeZone: tenant?.timeZone ?? deps.config.timezone };
}
