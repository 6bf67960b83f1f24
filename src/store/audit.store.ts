// The audit trail's storage: records and the per-tenant chain head.
import type { AuditRecord } from '../domain/audit/audit.js';
import type { Dialect, Executor } from './database.js';
import { sql, type Insertable } from 'kysely';
import { insertRows, lockClause, PREPARE } from './plain-sql.js';
import type { DB } from './schema.js';
import { num } from './rows.js';

/** The chain head, locked until the transaction ends (PostgreSQL), so appends never fork the chain. */
export async function lockAuditHead(db: Executor, dialect: Dialect, tenantId: number): Promise<{ seq: number; hash: string }> {
  const { rows } = await sql<{ seq: number | string; hash: string }>`${PREPARE}select seq, hash from audit_heads where tenant_id = ${tenantId}${lockClause(dialect, 'update')}`.execute(db);
  const head = rows[0];
  if (head) return { seq: num(head.seq), hash: head.hash };
  // A tenant created before the head row existed (or by hand): start its chain.
  await db.insertInto('audit_heads').values({ tenant_id: tenantId, seq: 0, hash: '0'.repeat(64) }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  return lockAuditHead(db, dialect, tenantId);
}

/** Inserts consecutive records of one tenant's chain in one statement and moves the head to the last. */
export async function insertAuditRecords(db: Executor, records: readonly Omit<AuditRecord, 'id'>[]): Promise<void> {
  const last = records[records.length - 1];
  if (!last) return;
  const rows = records.map((r) => ({
    tenant_id: r.tenantId, seq: r.seq, at: r.at, user_id: r.userId, action: r.action, target_type: r.targetType,
    target_ids: JSON.stringify(r.targetIds), changes: JSON.stringify(r.changes), prev_hash: r.prevHash, hash: r.hash,
  }) satisfies Insertable<DB['audit_log']>);
  await sql`${PREPARE}${insertRows('audit_log', rows)}`.execute(db);
  await sql`${PREPARE}update audit_heads set seq = ${last.seq}, hash = ${last.hash} where tenant_id = ${last.tenantId}`.execute(db);
}

type Row = { id: number; tenant_id: number; seq: number | string; at: number | string; user_id: string; action: string; target_type: string; target_ids: string; changes: string; prev_hash: string; hash: string };
const toRecord = (r: Row): AuditRecord => ({
  id: num(r.id), tenantId: num(r.tenant_id), seq: num(r.seq), at: num(r.at), userId: r.user_id, action: r.action,
  targetType: r.target_type, targetIds: JSON.parse(r.target_ids), changes: JSON.parse(r.changes), prevHash: r.prev_hash, hash: r.hash,
});

export interface AuditFilter {
  action?: string;
  targetType?: string;
  /** An integer id, or a string id such as a user's GUID. */
  targetId?: number | string;
  userId?: string;
  from?: number;
  to?: number;
}

function filtered(db: Executor, tenantId: number, f: AuditFilter) {
  let q = db.selectFrom('audit_log').where('tenant_id', '=', tenantId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  // Ids are stored as a JSON array text: match the id as a whole element.
  if (f.targetId !== undefined) {
    // Ids are stored as a JSON array text: match the id as a whole element (a number, or a quoted string).
    const id = typeof f.targetId === 'number' ? String(f.targetId) : JSON.stringify(f.targetId);
    q = q.where((eb) => eb.or([eb('target_ids', '=', `[${id}]`), eb('target_ids', 'like', `[${id},%`), eb('target_ids', 'like', `%,${id},%`), eb('target_ids', 'like', `%,${id}]`)]));
  }
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<=', f.to);
  return q;
}

/** Newest first. */
export async function listAuditRecords(db: Executor, tenantId: number, f: AuditFilter, offset: number, limit: number): Promise<AuditRecord[]> {
  return (await filtered(db, tenantId, f).selectAll().orderBy('seq', 'desc').offset(offset).limit(limit).execute()).map(toRecord);
}

export async function countAuditRecords(db: Executor, tenantId: number, f: AuditFilter): Promise<number> {
  return num((await filtered(db, tenantId, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
}

/** A batch of the chain in seq order, after `afterSeq`. */
export async function readAuditChain(db: Executor, tenantId: number, afterSeq: number, limit: number): Promise<AuditRecord[]> {
  return (await db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute()).map(toRecord);
}

export async function findAuditHead(db: Executor, tenantId: number): Promise<{ seq: number; hash: string } | undefined> {
  const h = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return h && { seq: num(h.seq), hash: h.hash };
}
