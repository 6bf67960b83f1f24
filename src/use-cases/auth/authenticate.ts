// Resolves the Authorization header to an Actor (spec §1.2, DECISIONS "Tenants, users, tokens"):
// a raw token, `Bearer <token>`, or `Basic base64(email:password)`.
import { DomainError } from '../../domain/errors.js';
import { hashToken, looksLikeToken } from '../../domain/auth/tokens.js';
import type { Actor } from '../../domain/people/user.js';
import { findTenant } from '../../store/tenants.store.js';
import { findLiveSession } from '../../store/tokens.store.js';
import type { Deps } from '../deps.js';
import { verifyCredentials } from './login.js';

const unauthorized = () => new DomainError('UNAUTHENTICATED', 'Unauthorized');

export async function authenticate(deps: Deps, authorization: string | undefined, cookieToken?: string): Promise<Actor> {
  // Spec §1.2: the cookie first, then the Authorization header; the first credential that succeeds wins.
  if (cookieToken) {
    const actor = await authenticateToken(deps, cookieToken);
    if (actor) return actor;
  }
  const header = authorization?.trim() ?? '';
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (basic) return authenticateBasic(deps, basic[1]!);
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  const actor = await authenticateToken(deps, bearer ? bearer[1]!.trim() : header);
  if (!actor) throw unauthorized();
  return actor;
}

async function authenticateToken(deps: Deps, token: string): Promise<Actor | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const session = await findLiveSession(deps.store.db, hashToken(token), deps.clock.now());
  if (!session) return undefined;
  return {
    userId: session.userId,
    tenantId: session.tenantId,
    isAdmin: session.isAdmin,
    isVisitor: session.isVisitor,
    timeZone: session.timeZone,
    tokenHash: session.tokenHash,
  };
}

async function authenticateBasic(deps: Deps, encoded: string): Promise<Actor> {
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0 || text.includes('\u0000')) throw unauthorized();
  let user;
  try {
    user = await verifyCredentials(deps, text.slice(0, colon), text.slice(colon + 1));
  } catch {
    throw unauthorized();
  }
  const tenant = await findTenant(deps.store.db, user.tenantId);
  if (!tenant) throw unauthorized();
  return { userId: user.id, tenantId: user.tenantId, isAdmin: user.isAdmin, isVisitor: user.isVisitor, timeZone: tenant.timeZone };
}
