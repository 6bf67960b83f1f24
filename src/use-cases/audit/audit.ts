// Writing and reading the audit trail. `recordAudit` is called by every mutating use case inside
// its own transaction, so a change and its record commit (or roll back) together.
import { accessDenied } from '../../domain/errors.js';
import { computeAuditHash, verifyChainSegment, type AuditEntry, type AuditRecord, type ChainCheck } from '../../domain/audit/audit.js';
import type { Actor } from '../../domain/people/user.js';
import { countAuditRecords, findAuditHead, insertAuditRecords, listAuditRecords, lockAuditHead, readAuditChain, type AuditFilter } from '../../store/audit.store.js';
import type { Dialect, Executor } from '../../store/database.js';
import type { Deps } from '../deps.js';

export interface AuditContext {
  db: Executor;
  dialect: Dialect;
  tenantId: number;
  userId: string;
  now: number;
}

/** Appends one record to the tenant's chain. Call inside the mutating transaction. */
export async function recordAudit(ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await recordAuditEntries(ctx, [entry]);
}

/**
 * Appends several records (one per changed object) at a fixed cost: the head is locked once, the
 * records are chained in memory and inserted in one statement.
 */
export async function recordAuditEntries(ctx: AuditContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await lockAuditHead(ctx.db, ctx.dialect, ctx.tenantId);
  let seq = head.seq;
  let prevHash = head.hash;
  const records = entries.map((entry) => {
    const record = { ...entry, tenantId: ctx.tenantId, seq: ++seq, at: ctx.now, userId: ctx.userId, prevHash };
    prevHash = computeAuditHash(record);
    return { ...record, hash: prevHash };
  });
  for (let i = 0; i < records.length; i += 100) await insertAuditRecords(ctx.db, records.slice(i, i + 100));
}

/** The audit context of a use case's transaction. */
export const auditContext = (deps: Deps, trx: Executor, actor: Pick<Actor, 'tenantId' | 'userId'>, now: number): AuditContext => ({
  db: trx, dialect: deps.store.dialect, tenantId: actor.tenantId, userId: actor.userId, now,
});

export async function listAudit(deps: Deps, actor: Actor, filter: AuditFilter, offset: number, limit: number): Promise<{ records: AuditRecord[]; total: number }> {
  if (!actor.isAdmin) throw accessDenied('Only a CRM admin can read the audit trail');
  const [records, total] = await Promise.all([
    listAuditRecords(deps.store.db, actor.tenantId, filter, offset, limit),
    countAuditRecords(deps.store.db, actor.tenantId, filter),
  ]);
  return { records, total };
}

/** Walks the whole chain in batches; reports the first record that breaks it. */
export async function verifyAuditChain(deps: Deps, tenantId: number): Promise<ChainCheck & { head: number }> {
  let seq = 0;
  let hash = '0'.repeat(64);
  let checked = 0;
  for (;;) {
    const batch = await readAuditChain(deps.store.db, tenantId, seq, 1000);
    if (batch.length === 0) break;
    const r = verifyChainSegment(batch, seq, hash);
    checked += r.checked;
    if (!r.valid) return { valid: false, checked, broken: r.broken!, head: seq };
    seq = r.lastSeq;
    hash = r.lastHash;
  }
  const head = await findAuditHead(deps.store.db, tenantId);
  if (head && (head.seq !== seq || head.hash !== hash)) {
    return { valid: false, checked, broken: { seq: head.seq, id: 0, reason: `the chain head says seq ${head.seq}, the records end at ${seq} (records removed at the end?)` }, head: head.seq };
  }
  return { valid: true, checked, head: seq };
}

export async function verifyAudit(deps: Deps, actor: Actor) {
  if (!actor.isAdmin) throw accessDenied('Only a CRM admin can verify the audit trail');
  return verifyAuditChain(deps, actor.tenantId);
}
