// POST currency/setrates and currency/addrates (spec §6.6): CRM admins; every entry validated
// before the first write; one transaction. A pair given twice in one call: the last entry wins.
import {
  lastRatePerPair, pairKey, parseCurrencyCode, validateCurrencyRates, type CurrencyRate, type CurrencyRateInput,
} from '../../domain/currencies/currency-rates.js';
import { invalid } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { listRates } from '../../store/currency-rates.store.js';
import type { Deps } from '../deps.js';
import { demandSettingsAdmin } from '../settings/settings-access.js';
import { applyRate, changeDefaultCurrency, inCurrencyTransaction, ratesByPair, removeRates } from './currency-writes.js';

/**
 * setrates: `currency` becomes the default currency when it differs (any case; empty or unknown →
 * 400), then the tenant's rates become exactly `rates`: pairs not listed are deleted, listed pairs
 * keep their row (and id) with the new rate, new pairs are inserted; entries with rate 0 are not
 * stored. Answers the new set, by id.
 */
export async function setCurrencyRates(deps: Deps, actor: Actor, currency: string | undefined, inputs: readonly CurrencyRateInput[]): Promise<CurrencyRate[]> {
  demandSettingsAdmin(actor, 'currency rates');
  // The contract's order: currency present, the rates, then the currency's code.
  if (!currency?.trim()) throw invalid('currency is required');
  const rates = lastRatePerPair(validateCurrencyRates(inputs, true));
  const code = parseCurrencyCode(currency, 'currency');
  return inCurrencyTransaction(deps, actor, async (w) => {
    await changeDefaultCurrency(w, code);
    const current = await listRates(w.trx, w.tenantId);
    const kept = new Set(rates.filter((r) => !r.rate.isZero()).map(pairKey));
    await removeRates(w, current.filter((r) => !kept.has(pairKey(r))));
    const byPair = ratesByPair(current.filter((r) => kept.has(pairKey(r))));
    for (const r of rates) await applyRate(w, byPair, r);
    return listRates(w.trx, w.tenantId);
  });
}

/** addrates: each pair's rate is updated, or the pair inserted (a rate 0 deletes it). Answers all rates, by id. */
export async function addCurrencyRates(deps: Deps, actor: Actor, inputs: readonly CurrencyRateInput[]): Promise<CurrencyRate[]> {
  demandSettingsAdmin(actor, 'currency rates');
  const rates = lastRatePerPair(validateCurrencyRates(inputs, true));
  return inCurrencyTransaction(deps, actor, async (w) => {
    const byPair = ratesByPair(await listRates(w.trx, w.tenantId));
    for (const r of rates) await applyRate(w, byPair, r);
    return listRates(w.trx, w.tenantId);
  });
}
