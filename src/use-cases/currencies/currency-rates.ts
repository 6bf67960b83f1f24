// Currency rates one by one (spec §6.6): any CRM user reads; writes are for CRM admins
// (DECISIONS Q22, a security fix: the original lets any user write single rates).
import type { CurrencyRate, CurrencyRateAnswer, CurrencyRateInput } from '../../domain/currencies/currency-rates.js';
import { validateCurrencyRates } from '../../domain/currencies/currency-rates.js';
import { invalid, notFound } from '../../domain/errors.js';
import { ZERO } from '../../domain/money.js';
import type { Actor } from '../../domain/people/user.js';
import { findRate, findRateByPair, listRates } from '../../store/currency-rates.store.js';
import type { Deps } from '../deps.js';
import { demandSettingsAdmin } from '../settings/settings-access.js';
import { answerOf, applyRate, inCurrencyTransaction, pairTaken, ratesByPair, removeRates, rewriteRate } from './currency-writes.js';

const WHAT = 'currency rates';

function checkRateId(id: number): void {
  if (id <= 0) throw invalid(`id must be greater than 0 (got ${id})`);
}

/** GET currency/rates: every rate of the tenant, by id. */
export async function listCurrencyRates(deps: Deps, actor: Actor): Promise<CurrencyRate[]> {
  return listRates(deps.store.db, actor.tenantId);
}

/** GET currency/rates/{id}: id ≤ 0 → 400; unknown → 404 (spec Q21, fixed: the original answers 500). */
export async function getCurrencyRate(deps: Deps, actor: Actor, id: number): Promise<CurrencyRate> {
  checkRateId(id);
  const rate = await findRate(deps.store.db, actor.tenantId, id);
  if (!rate) throw notFound(`Currency rate ${id} was not found`);
  return rate;
}

/** GET currency/rates/{from}/{to}: codes in any case; no such pair → 404 (spec Q21). */
export async function getCurrencyRateByPair(deps: Deps, actor: Actor, from: string, to: string): Promise<CurrencyRate> {
  const [f, t] = [from.trim().toUpperCase(), to.trim().toUpperCase()];
  const rate = await findRateByPair(deps.store.db, actor.tenantId, f, t);
  if (!rate) throw notFound(`No currency rate from ${f} to ${t}`);
  return rate;
}

/**
 * POST currency/rates: validated as spec §6.6; an existing pair gets the new rate (same id), a
 * rate 0 deletes it (the answer shows rate 0 and the id it had); a rate 0 for a new pair stores
 * nothing and answers id 0.
 */
export async function createCurrencyRate(deps: Deps, actor: Actor, input: CurrencyRateInput): Promise<CurrencyRateAnswer> {
  demandSettingsAdmin(actor, WHAT);
  const [fields] = validateCurrencyRates([input], false);
  return inCurrencyTransaction(deps, actor, async (w) => {
    const existing = await findRateByPair(w.trx, w.tenantId, fields!.fromCurrency, fields!.toCurrency);
    return applyRate(w, ratesByPair(existing ? [existing] : []), fields!);
  });
}

/**
 * PUT currency/rates/{id}: rewrites pair and rate of that row; unknown id → 400 (spec §6.6); a
 * rate 0 deletes it. Deliberate fix: a pair another row has is a 400 (one row per pair), where
 * the original stores a duplicate.
 */
export async function updateCurrencyRate(deps: Deps, actor: Actor, id: number, input: CurrencyRateInput): Promise<CurrencyRateAnswer> {
  demandSettingsAdmin(actor, WHAT);
  checkRateId(id);
  const [fields] = validateCurrencyRates([input], false);
  const f = fields!;
  return inCurrencyTransaction(deps, actor, async (w) => {
    const current = await findRate(w.trx, w.tenantId, id);
    if (!current) throw invalid(`Currency rate ${id} does not exist`);
    if (f.rate.isZero()) {
      await removeRates(w, [current]);
      return { id, fromCurrency: f.fromCurrency, toCurrency: f.toCurrency, rate: ZERO };
    }
    const other = await findRateByPair(w.trx, w.tenantId, f.fromCurrency, f.toCurrency);
    if (other && other.id !== id) throw pairTaken(f, other.id);
    return rewriteRate(w, current, f);
  });
}

/** DELETE currency/rates/{id}: id ≤ 0 or unknown → 400 (spec §6.6); answers the deleted rate. */
export async function deleteCurrencyRate(deps: Deps, actor: Actor, id: number): Promise<CurrencyRateAnswer> {
  demandSettingsAdmin(actor, WHAT);
  checkRateId(id);
  return inCurrencyTransaction(deps, actor, async (w) => {
    const current = await findRate(w.trx, w.tenantId, id);
    if (!current) throw invalid(`Currency rate ${id} does not exist`);
    await removeRates(w, [current]);
    return answerOf(current);
  });
}
