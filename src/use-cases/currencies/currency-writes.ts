// Shared steps of every currency write (spec §6.5, §6.6): one transaction that first locks the
// tenant's currency settings, so a tenant's currency writes run one after another; the rate and
// default-currency changes it makes, each with its audit record in the same transaction.
import { diffFields } from '../../domain/audit/audit.js';
import {
  currencyRateAuditView, pairKey, type CurrencyRate, type CurrencyRateAnswer, type CurrencyRateFields,
} from '../../domain/currencies/currency-rates.js';
import { duplicate } from '../../domain/errors.js';
import { ZERO } from '../../domain/money.js';
import type { Actor } from '../../domain/people/user.js';
import { deleteRates, insertRate, updateRate } from '../../store/currency-rates.store.js';
import type { Executor } from '../../store/database.js';
import { lockDefaultCurrency, updateDefaultCurrency } from '../../store/tenant-currency.store.js';
import { auditContext, recordAudit, type AuditContext } from '../audit/audit.js';
import type { Deps } from '../deps.js';

export interface CurrencyWrite {
  trx: Executor;
  tenantId: number;
  userId: string;
  now: number;
  audit: AuditContext;
  /** The default currency when the transaction began (its row is locked). */
  defaultCurrency: string;
}

/** Runs `work` in one transaction holding the tenant's currency lock. */
export async function inCurrencyTransaction<T>(deps: Deps, actor: Actor, work: (w: CurrencyWrite) => Promise<T>): Promise<T> {
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const defaultCurrency = await lockDefaultCurrency(trx, deps.store.dialect, actor.tenantId);
    return work({ trx, tenantId: actor.tenantId, userId: actor.userId, now, audit: auditContext(deps, trx, actor, now), defaultCurrency });
  });
}

export const pairTaken = (r: Pick<CurrencyRate, 'fromCurrency' | 'toCurrency'>, id?: number) =>
  duplicate(`A currency rate from ${r.fromCurrency} to ${r.toCurrency} exists already${id ? ` (id ${id})` : ''}`);

export const answerOf = (r: CurrencyRateAnswer): CurrencyRateAnswer => ({ id: r.id, fromCurrency: r.fromCurrency, toCurrency: r.toCurrency, rate: r.rate });

/** Deletes rates, one audit record each. */
export async function removeRates(w: CurrencyWrite, rates: readonly CurrencyRate[]): Promise<void> {
  await deleteRates(w.trx, w.tenantId, rates.map((r) => r.id));
  for (const r of rates) {
    await recordAudit(w.audit, { action: 'currency-rate.deleted', targetType: 'currency-rate', targetIds: [r.id], changes: diffFields(currencyRateAuditView(r), undefined) });
  }
}

/** Rewrites pair and rate of a stored row (nothing is written when nothing changes). */
export async function rewriteRate(w: CurrencyWrite, current: CurrencyRate, f: CurrencyRateFields): Promise<CurrencyRateAnswer> {
  const changes = diffFields(currencyRateAuditView(current), currencyRateAuditView(f));
  if (Object.keys(changes).length > 0) {
    const result = await updateRate(w.trx, w.tenantId, current.id, f, w.userId, w.now);
    if (result === 'pair-taken') throw pairTaken(f);
    await recordAudit(w.audit, { action: 'currency-rate.updated', targetType: 'currency-rate', targetIds: [current.id], changes });
  }
  return { id: current.id, fromCurrency: f.fromCurrency, toCurrency: f.toCurrency, rate: f.rate };
}

/**
 * Applies one rate against the tenant's rates by pair (`byPair`, kept up to date): an existing pair
 * gets the new rate, or is deleted by a rate 0 (spec §6.6); a new pair is inserted, except with a
 * rate 0, which stores nothing (a stored rate is always > 0) and answers id 0.
 */
export async function applyRate(w: CurrencyWrite, byPair: Map<string, CurrencyRate>, f: CurrencyRateFields): Promise<CurrencyRateAnswer> {
  const key = pairKey(f);
  const existing = byPair.get(key);
  if (existing) {
    if (f.rate.isZero()) {
      await removeRates(w, [existing]);
      byPair.delete(key);
      return { ...answerOf(existing), rate: ZERO };
    }
    const answer = await rewriteRate(w, existing, f);
    byPair.set(key, { ...existing, rate: f.rate, updatedBy: w.userId, updatedAt: new Date(w.now) });
    return answer;
  }
  if (f.rate.isZero()) return { id: 0, fromCurrency: f.fromCurrency, toCurrency: f.toCurrency, rate: ZERO };
  const id = await insertRate(w.trx, w.tenantId, f, w.userId, w.now);
  if (id === undefined) throw pairTaken(f); // not expected: the currency lock orders writers
  await recordAudit(w.audit, { action: 'currency-rate.created', targetType: 'currency-rate', targetIds: [id], changes: diffFields(undefined, currencyRateAuditView(f)) });
  byPair.set(key, { id, ...f, createdBy: w.userId, createdAt: new Date(w.now), updatedBy: w.userId, updatedAt: new Date(w.now) });
  return { id, ...f };
}

export const ratesByPair = (rates: readonly CurrencyRate[]): Map<string, CurrencyRate> => new Map(rates.map((r) => [pairKey(r), r]));

/** Makes `code` the default currency (spec §3.7); one audit record when it changes. */
export async function changeDefaultCurrency(w: CurrencyWrite, code: string): Promise<void> {
  if (w.defaultCurrency === code) return;
  await updateDefaultCurrency(w.trx, w.tenantId, code);
  await recordAudit(w.audit, {
    action: 'settings.default-currency-changed', targetType: 'settings', targetIds: [w.tenantId],
    changes: { defaultCurrency: { before: w.defaultCurrency, after: code } },
  });
  w.defaultCurrency = code;
}
