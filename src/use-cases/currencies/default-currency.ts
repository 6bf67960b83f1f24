// The tenant's default currency and conversions with its manual rates (spec §6.5, §3.7).
import { findCurrency, type CurrencyInfo } from '../../domain/currencies/catalogue.js';
import { applyConversion, conversionRate, findConversionFactor, MAX_CONVERT_AMOUNT } from '../../domain/currencies/conversion.js';
import { parseCurrencyCode } from '../../domain/currencies/currency-rates.js';
import { invalid } from '../../domain/errors.js';
import { ZERO, type Decimal } from '../../domain/money.js';
import type { Actor } from '../../domain/people/user.js';
import { listRates } from '../../store/currency-rates.store.js';
import { findDefaultCurrency } from '../../store/tenant-currency.store.js';
import type { Deps } from '../deps.js';
import { listCurrencies } from '../settings/list-currencies.js';
import { demandSettingsAdmin } from '../settings/settings-access.js';
import { changeDefaultCurrency, inCurrencyTransaction } from './currency-writes.js';

/** PUT settings/currency (spec §6.5): CRM admins; any case; empty or unknown → 400. Answers the currency. */
export async function setDefaultCurrency(deps: Deps, actor: Actor, currency: string | undefined): Promise<CurrencyInfo> {
  demandSettingsAdmin(actor, 'the default currency');
  const code = parseCurrencyCode(currency, 'currency');
  await inCurrencyTransaction(deps, actor, (w) => changeDefaultCurrency(w, code));
  return findCurrency(code)!;
}

export interface ConvertInput {
  amount: Decimal | undefined;
  fromCurrency: string | undefined;
  toCurrency: string | undefined;
}

/** A code given (any case) must be a catalogue code; an empty one is "not given". */
const optionalCode = (text: string | undefined, what: string): string | undefined => (text?.trim() ? parseCurrencyCode(text, what) : undefined);

/**
 * GET settings/currency/convert (spec §6.5) with the tenant's manual rates (domain/currencies/
 * conversion.ts says which rates, in which order). As the original: without both codes, or with
 * the same code twice, the amount comes back as given (no parameters at all: 0); otherwise the
 * result is rounded to 4 decimals half away from zero. No rate connecting the two → 400.
 */
export async function convertAmount(deps: Deps, actor: Actor, input: ConvertInput): Promise<Decimal> {
  const amount = input.amount ?? ZERO;
  if (amount.abs().greaterThan(MAX_CONVERT_AMOUNT)) throw invalid(`amount is out of range (at most ${MAX_CONVERT_AMOUNT.toString()} either way)`);
  const from = optionalCode(input.fromCurrency, 'fromcurrency');
  const to = optionalCode(input.toCurrency, 'tocurrency');
  if (!from || !to || from === to) return amount;
  const db = deps.store.db;
  const [rates, defaultCurrency] = await Promise.all([listRates(db, actor.tenantId), findDefaultCurrency(db, actor.tenantId)]);
  const factor = findConversionFactor(rates, from, to, defaultCurrency);
  if (!factor)
    throw invalid(`No currency rate from ${from} to ${to}: add the rate ${from}/${to} or ${to}/${from}, or rates between each of them and the default currency ${defaultCurrency}`);
  return applyConversion(amount, factor);
}

export interface CurrencyRateInfo {
  currency: CurrencyInfo;
  rate: Decimal;
}

/**
 * GET settings/currency/summarytable (spec §6.5): in catalogue order, every currency one unit of
 * `currency` converts to with the tenant's manual rates (as convert finds them), with how many of
 * it one unit is worth (6 decimals); the currency itself with rate 1. Empty or unknown → 400.
 */
export async function currencySummaryTable(deps: Deps, actor: Actor, currency: string | undefined): Promise<CurrencyRateInfo[]> {
  const base = parseCurrencyCode(currency, 'currency');
  const db = deps.store.db;
  const [rates, defaultCurrency] = await Promise.all([listRates(db, actor.tenantId), findDefaultCurrency(db, actor.tenantId)]);
  return listCurrencies().flatMap((c) => {
    const factor = findConversionFactor(rates, base, c.abbreviation, defaultCurrency);
    return factor ? [{ currency: c, rate: conversionRate(factor) }] : [];
  });
}
