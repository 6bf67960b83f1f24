import type { Executor } from './database.js';
import { num } from './rows.js';

export async function insertToken(db: Executor, t: { hash: string; tenantId: number; userId: string; now: number; expiresAt: number }): Promise<void> {
  await db
    .insertInto('auth_tokens')
    .values({ token_hash: t.hash, tenant_id: t.tenantId, user_id: t.userId, created_at: t.now, expires_at: t.expiresAt, revoked_at: null })
    .execute();
}

export interface TokenSession {
  tokenHash: string;
  tenantId: number;
  userId: string;
  expiresAt: number;
  isAdmin: boolean;
  isVisitor: boolean;
  timeZone: string;
}

/** The live session of a token: not revoked, not expired, its user active. */
export async function findLiveSession(db: Executor, hash: string, now: number): Promise<TokenSession | undefined> {
  const row = await db
    .selectFrom('auth_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('tenants as n', 'n.id', 't.tenant_id')
    .select(['t.token_hash', 't.tenant_id', 't.user_id', 't.expires_at', 'u.is_admin', 'u.is_visitor', 'n.time_zone'])
    .where('t.token_hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now)
    .where('u.is_active', '=', 1)
    .executeTakeFirst();
  return (
    row && {
      tokenHash: row.token_hash,
      tenantId: num(row.tenant_id),
      userId: row.user_id,
      expiresAt: num(row.expires_at),
      isAdmin: row.is_admin === 1,
      isVisitor: row.is_visitor === 1,
      timeZone: row.time_zone,
    }
  );
}

export async function revokeToken(db: Executor, hash: string, now: number): Promise<void> {
  await db.updateTable('auth_tokens').set({ revoked_at: now }).where('token_hash', '=', hash).where('revoked_at', 'is', null).execute();
}

export async function revokeUserTokens(db: Executor, userId: string, now: number): Promise<void> {
  await db.updateTable('auth_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
