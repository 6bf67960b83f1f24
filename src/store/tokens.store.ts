import { sql } from 'kysely';
import type { Executor } from './database.js';
import { PREPARE } from './plain-sql.js';
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

type SessionRow = { token_hash: string; tenant_id: number | string; user_id: string; expires_at: number | string; is_admin: number; is_visitor: number; time_zone: string };

/**
 * The live session of a token: not revoked, not expired, its user active. Every request asks the
 * database (one indexed statement, nothing cached in the process), so a logout, a revocation or a
 * disabled user takes effect at once for every process sharing the database. Plain SQL text
 * (the same on both databases): the query builder would cost more than the statement itself.
 */
export async function findLiveSession(db: Executor, hash: string, now: number): Promise<TokenSession | undefined> {
  const { rows } = await sql<SessionRow>`${PREPARE}select t.token_hash, t.tenant_id, t.user_id, t.expires_at, u.is_admin, u.is_visitor, n.time_zone from auth_tokens t join users u on u.id = t.user_id join tenants n on n.id = t.tenant_id where t.token_hash = ${hash} and t.revoked_at is null and t.expires_at > ${now} and u.is_active = 1`.execute(db);
  const row = rows[0];
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
