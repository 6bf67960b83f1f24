// Per-tenant manual currency rates (spec §6.6, §2.3.15): "1 fromCurrency = rate × toCurrency".
// Rates keep 6 decimals (DECISIONS Q26) and a stored rate is always > 0: a rate of 0 means
// "no rate" (it deletes an existing pair and stores nothing for a new one).
import { invalid } from '../errors.js';
import { MAX_AMOUNT, round6Away, type Decimal } from '../money.js';
import { findCurrency } from './catalogue.js';

export interface CurrencyRate {
  id: number;
  fromCurrency: string;
  toCurrency: string;
  rate: Decimal;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

/** What a write answers (spec §2.3.15): a stored rate, or a pair whose rate 0 removed it. */
export type CurrencyRateAnswer = Pick<CurrencyRate, 'id' | 'fromCurrency' | 'toCurrency' | 'rate'>;

export interface CurrencyRateInput {
  fromCurrency: string;
  toCurrency: string;
  rate: Decimal;
}

/** A rate input that passed validation: catalogue codes, rate rounded to 6 decimals. */
export type CurrencyRateFields = CurrencyRateInput;

/** Entries of one setrates/addrates call (the catalogue has 74 × 74 pairs; duplicates are allowed). */
export const MAX_RATES_PER_CALL = 10_000;

export const pairKey = (r: Pick<CurrencyRateInput, 'fromCurrency' | 'toCurrency'>): string => `${r.fromCurrency}/${r.toCurrency}`;

/** spec §6.6: 0 ≤ rate ≤ 99 999 999.99, else 400 "Invalid currency rate: {rate}"; rounded to 6 decimals. */
export function validateRateValue(rate: Decimal): Decimal {
  if ((rate.isNegative() && !rate.isZero()) || rate.greaterThan(MAX_AMOUNT)) throw invalid(`Invalid currency rate: ${rate.toString()}`);
  const stored = round6Away(rate);
  // DECISIONS Q26: a positive rate must survive the 6-decimal storage, or it would silently become "no rate".
  if (stored.isZero() && !rate.isZero())
    throw invalid(`Invalid currency rate: ${rate.toString()} (rates keep 6 decimals: the smallest rate is 0.000001)`);
  return stored;
}

/**
 * The contract's order (spec §6.6): every rate first, then every code. Codes must be catalogue codes
 * in exact upper case (quirk Q23, kept); the unknown ones are named together, comma-joined.
 * `batch` prefixes the messages of a missing code with the entry (`rates[2].fromCurrency`).
 */
export function validateCurrencyRates(inputs: readonly CurrencyRateInput[], batch: boolean): CurrencyRateFields[] {
  if (batch && inputs.length > MAX_RATES_PER_CALL) throw invalid(`rates: at most ${MAX_RATES_PER_CALL} entries per call (got ${inputs.length})`);
  const rates = inputs.map((r) => validateRateValue(r.rate));
  inputs.forEach((r, i) => {
    const at = batch ? `rates[${i}].` : '';
    if (!r.fromCurrency) throw invalid(`${at}fromCurrency is required`);
    if (!r.toCurrency) throw invalid(`${at}toCurrency is required`);
  });
  const unknown = [...new Set(inputs.flatMap((r) => [r.fromCurrency, r.toCurrency]).filter((c) => !findCurrency(c)))];
  if (unknown.length) throw invalid(`Unknown currency: ${unknown.join(',')}`);
  return inputs.map((r, i) => ({ fromCurrency: r.fromCurrency, toCurrency: r.toCurrency, rate: rates[i]! }));
}

/** A pair given more than once in one call: the last entry wins, in the place of the first. */
export function lastRatePerPair(rates: readonly CurrencyRateFields[]): CurrencyRateFields[] {
  const byPair = new Map<string, CurrencyRateFields>();
  for (const r of rates) byPair.set(pairKey(r), r);
  return [...byPair.values()];
}

/** The catalogue code of a settings parameter given in any case (spec §6.5, Q23); `what` names it. */
export function parseCurrencyCode(text: string | undefined, what: string): string {
  const code = (text ?? '').trim().toUpperCase();
  if (!code) throw invalid(`${what} is required`);
  if (!findCurrency(code)) throw invalid(`Unknown currency: ${text!.trim()}`);
  return code;
}

export const currencyRateAuditView = (r: Pick<CurrencyRate, 'fromCurrency' | 'toCurrency' | 'rate'>) => ({
  fromCurrency: r.fromCurrency, toCurrency: r.toCurrency, rate: r.rate.toString(),
});
