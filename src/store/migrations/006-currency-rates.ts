import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { int8, notNull, withId } from './helpers.js';

// Per-tenant manual currency rates (spec §6.6): "1 from_currency = rate × to_currency", the rate in
// millionths (6 decimals, like invoices.exchange_rate, DECISIONS Q26). One row per pair: the unique
// index backs the contract's "an existing pair is updated instead".
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('currency_rates'), dialect)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('from_currency', 'text', notNull)
    .addColumn('to_currency', 'text', notNull)
    .addColumn('rate', int8, notNull)
    .addColumn('created_by', 'text', notNull)
    .addColumn('created_at', int8, notNull)
    .addColumn('updated_by', 'text', notNull)
    .addColumn('updated_at', int8, notNull)
    .execute();
  await db.schema
    .createIndex('currency_rates_pair_uq')
    .on('currency_rates')
    .columns(['tenant_id', 'from_currency', 'to_currency'])
    .unique()
    .execute();
}
