import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { int8, notNull, withId } from './helpers.js';

// The organisation logo of spec §5.17 (tenant_settings.company_logo_id points here). Stored as
// base64 text: the API reads and writes it as base64, and both databases store text alike.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('organisation_logos'), dialect)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('content_type', 'text', notNull)
    .addColumn('data_base64', 'text', notNull)
    .addColumn('created_by', 'text', notNull)
    .addColumn('created_at', int8, notNull)
    .execute();
  await db.schema.createIndex('organisation_logos_tenant_idx').on('organisation_logos').columns(['tenant_id', 'id']).execute();
}
