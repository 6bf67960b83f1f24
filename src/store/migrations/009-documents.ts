import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { int8, notNull, withId } from './helpers.js';

// The generated invoice PDFs (spec §3.10, issue 6). invoices.file_id names the current file of an
// invoice (0: none yet, or stale). Bytes, not base64: a PDF is binary and a third smaller so.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('invoice_files'), dialect)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('title', 'text', notNull)
    .addColumn('content_type', 'text', notNull)
    .addColumn('content', dialect === 'sqlite' ? 'blob' : 'bytea', notNull)
    .addColumn('content_length', int8, notNull)
    .addColumn('created_by', 'text', notNull)
    .addColumn('created_at', int8, notNull)
    .execute();
  await db.schema.createIndex('invoice_files_invoice_idx').on('invoice_files').columns(['tenant_id', 'invoice_id']).execute();
}
