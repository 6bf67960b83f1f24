// The audit trail (issue 5): append-only records, one hash chain per tenant. Each record's hash
// covers its content and the previous record's hash, so changing, inserting or removing a record
// breaks the chain from that point on, and verification names the first broken record.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type FieldChanges = Record<string, { before?: unknown; after?: unknown }>;

export interface AuditEntry {
  /** e.g. `invoice.created`, `invoice.status-changed`, `invoice-tax.deleted`. */
  action: string;
  targetType: string;
  targetIds: number[] | string[];
  changes: FieldChanges;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  tenantId: number;
  seq: number;
  at: number;
  userId: string;
  prevHash: string;
  hash: string;
}

type Hashable = Omit<AuditRecord, 'id' | 'hash'>;

/** Canonical text of a record: a JSON array in a fixed member order (object keys sorted). */
function canonical(r: Hashable): string {
  return JSON.stringify([r.tenantId, r.seq, r.at, r.userId, r.action, r.targetType, r.targetIds, sortKeys(r.changes), r.prevHash]);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export const computeAuditHash = (r: Hashable): string => createHash('sha256').update(canonical(r), 'utf8').digest('hex');

export interface ChainCheck {
  valid: boolean;
  checked: number;
  /** The first record that does not fit the chain, and why. */
  broken?: { seq: number; id: number; reason: string };
}

/** Verifies records in seq order, continuing from (prevSeq, prevHash). */
export function verifyChainSegment(records: readonly AuditRecord[], prevSeq: number, prevHash: string): ChainCheck & { lastSeq: number; lastHash: string } {
  let seq = prevSeq;
  let hash = prevHash;
  for (const [i, r] of records.entries()) {
    const fail = (reason: string) => ({ valid: false, checked: i, broken: { seq: r.seq, id: r.id, reason }, lastSeq: seq, lastHash: hash });
    if (r.seq !== seq + 1) return fail(`sequence gap: expected ${seq + 1}, found ${r.seq}`);
    if (r.prevHash !== hash) return fail('prev_hash does not match the previous record');
    if (computeAuditHash(r) !== r.hash) return fail('content does not match its hash');
    seq = r.seq;
    hash = r.hash;
  }
  return { valid: true, checked: records.length, lastSeq: seq, lastHash: hash };
}

/** Field-level differences between two plain snapshots (only changed members are kept). */
export function diffFields(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): FieldChanges {
  const out: FieldChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    const b = before?.[k];
    const a = after?.[k];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out[k] = { ...(before ? { before: b } : {}), ...(after ? { after: a } : {}) };
  }
  return out;
}
