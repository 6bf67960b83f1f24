import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { int8, notNull, sql, withId } from './helpers.js';

// The append-only, hash-chained audit trail (issue 5): one chain per tenant, its head in
// audit_heads (locked while a record is appended, so the chain never forks).
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('audit_log'), dialect)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('seq', int8, notNull)
    .addColumn('at', int8, notNull)
    .addColumn('user_id', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('target_type', 'text', notNull)
    .addColumn('target_ids', 'text', notNull) // JSON array of ids
    .addColumn('changes', 'text', notNull) // JSON {field: {before, after}}
    .addColumn('prev_hash', 'text', notNull)
    .addColumn('hash', 'text', notNull)
    .execute();
  await db.schema.createIndex('audit_log_seq_uq').on('audit_log').columns(['tenant_id', 'seq']).unique().execute();
  await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['tenant_id', 'target_type', 'seq']).execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('seq', int8, notNull)
    .addColumn('hash', 'text', notNull)
    .execute();
  // Tenants that exist already start an empty chain.
  await db
    .insertInto('audit_heads')
    .columns(['tenant_id', 'seq', 'hash'])
    .expression((eb) => eb.selectFrom('tenants').select((s) => ['id', s.lit(0).as('seq'), sql<string>`${'0'.repeat(64)}`.as('hash')]))
    .execute();
}
