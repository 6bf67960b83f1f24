// Idempotency keys (issue 8): reserve with an insert (the primary key decides), complete with
// the stored first response, release on a server error, purge when expired.
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from './database.js';
import type { DB } from './schema.js';
import { num } from './rows.js';

export interface IdempotencyScope {
  tenantId: number;
  userId: string;
  key: string;
}

export interface IdempotencyRecord extends IdempotencyScope {
  method: string;
  path: string;
  requestHash: string;
  state: 'in-progress' | 'done';
  statusCode: number | null;
  responseBody: string | null;
  contentType: string | null;
  createdAt: number;
  expiresAt: number;
}

const inScope = (s: IdempotencyScope) => (eb: ExpressionBuilder<DB, 'idempotency_keys'>) =>
  eb.and([eb('tenant_id', '=', s.tenantId), eb('user_id', '=', s.userId), eb('key', '=', s.key)]);

/** Inserts an in-progress row; false when the key already has a row (live or expired). */
export async function insertIdempotencyKey(
  db: Executor,
  r: IdempotencyScope & { method: string; path: string; requestHash: string; now: number; expiresAt: number },
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({
      tenant_id: r.tenantId, user_id: r.userId, key: r.key, method: r.method, path: r.path, request_hash: r.requestHash,
      state: 'in-progress', status_code: null, response_body: null, content_type: null, created_at: r.now, expires_at: r.expiresAt,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findIdempotencyKey(db: Executor, s: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
  const row = await db.selectFrom('idempotency_keys').selectAll().where(inScope(s)).executeTakeFirst();
  return (
    row && {
      tenantId: num(row.tenant_id), userId: row.user_id, key: row.key, method: row.method, path: row.path,
      requestHash: row.request_hash, state: row.state, statusCode: row.status_code === null ? null : num(row.status_code),
      responseBody: row.response_body, contentType: row.content_type, createdAt: num(row.created_at), expiresAt: num(row.expires_at),
    }
  );
}

/** Stores the first response of an in-progress key. */
export async function updateIdempotencyKeyDone(
  db: Executor,
  s: IdempotencyScope & { statusCode: number; responseBody: string; contentType: string | null },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', status_code: s.statusCode, response_body: s.responseBody, content_type: s.contentType })
    .where(inScope(s))
    .where('state', '=', 'in-progress')
    .execute();
}

/** Releases an in-progress key (a server error is not an answer worth replaying). */
export async function deleteInProgressIdempotencyKey(db: Executor, s: IdempotencyScope): Promise<void> {
  await db.deleteFrom('idempotency_keys').where(inScope(s)).where('state', '=', 'in-progress').execute();
}

/** Deletes this key's row if it has expired; true when a row went. */
export async function deleteExpiredIdempotencyKey(db: Executor, s: IdempotencyScope, now: number): Promise<boolean> {
  const result = await db.deleteFrom('idempotency_keys').where(inScope(s)).where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Purges every expired key of every tenant: housekeeping of a table whose rows are worthless
 * once expired (the only store function here that is not scoped to one tenant, by design).
 */
export async function deleteExpiredIdempotencyKeys(db: Executor, now: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
