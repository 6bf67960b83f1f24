// Per-tenant manual currency rates (spec §6.6). Rates are millionths (DECISIONS Q26); codes are
// stored in upper case (the use cases accept only exact catalogue codes), so a pair lookup with
// upper-cased input is the contract's case-insensitive match.
import type { Selectable } from 'kysely';
import type { CurrencyRate, CurrencyRateFields } from '../domain/currencies/currency-rates.js';
import { fromScaled, toScaled } from '../domain/money.js';
import type { Executor } from './database.js';
import type { CurrencyRateTables } from './schema-ext/currency-rates.js';
import { instant, isUniqueViolation, num } from './rows.js';

const toRate = (r: Selectable<CurrencyRateTables['currency_rates']>): CurrencyRate => ({
  id: num(r.id),
  fromCurrency: r.from_currency,
  toCurrency: r.to_currency,
  rate: fromScaled(r.rate, 6),
  createdBy: r.created_by,
  createdAt: instant(r.created_at)!,
  updatedBy: r.updated_by,
  updatedAt: instant(r.updated_at)!,
});

/** All rates of the tenant, by id. */
export async function listRates(db: Executor, tenantId: number): Promise<CurrencyRate[]> {
  const rows = await db.selectFrom('currency_rates').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
  return rows.map(toRate);
}

export async function findRate(db: Executor, tenantId: number, id: number): Promise<CurrencyRate | undefined> {
  const row = await db.selectFrom('currency_rates').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row && toRate(row);
}

/** The rate of an exact pair (codes in upper case). */
export async function findRateByPair(db: Executor, tenantId: number, fromCurrency: string, toCurrency: string): Promise<CurrencyRate | undefined> {
  const row = await db
    .selectFrom('currency_rates')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('from_currency', '=', fromCurrency)
    .where('to_currency', '=', toCurrency)
    .executeTakeFirst();
  return row && toRate(row);
}

/** Inserts a rate; undefined when the tenant has the pair already (the unique index decides). */
export async function insertRate(db: Executor, tenantId: number, r: CurrencyRateFields, userId: string, now: number): Promise<number | undefined> {
  try {
    const row = await db
      .insertInto('currency_rates')
      .values({
        tenant_id: tenantId, from_currency: r.fromCurrency, to_currency: r.toCurrency, rate: toScaled(r.rate, 6),
        created_by: userId, created_at: now, updated_by: userId, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return num(row.id);
  } catch (e) {
    if (isUniqueViolation(e)) return undefined;
    throw e;
  }
}

/** Rewrites pair and rate of one row; 'pair-taken' when another row of the tenant has that pair. */
export async function updateRate(db: Executor, tenantId: number, id: number, r: CurrencyRateFields, userId: string, now: number): Promise<'updated' | 'missing' | 'pair-taken'> {
  try {
    const result = await db
      .updateTable('currency_rates')
      .set({ from_currency: r.fromCurrency, to_currency: r.toCurrency, rate: toScaled(r.rate, 6), updated_by: userId, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? 'updated' : 'missing';
  } catch (e) {
    if (isUniqueViolation(e)) return 'pair-taken';
    throw e;
  }
}

export async function deleteRates(db: Executor, tenantId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('currency_rates').where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
}
