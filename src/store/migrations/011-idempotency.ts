import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { int8, notNull } from './helpers.js';

// Idempotency keys (issue 8): one row per (tenant, user, key). The unique primary key is what
// decides between concurrent duplicates: a request reserves its key with an insert, never with a
// check-then-insert. `expires_at` is indexed so expired keys can be purged.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', notNull)
    .addColumn('key', 'text', notNull)
    .addColumn('method', 'text', notNull)
    .addColumn('path', 'text', notNull)
    .addColumn('request_hash', 'text', notNull)
    .addColumn('state', 'text', notNull) // 'in-progress' | 'done'
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('content_type', 'text')
    .addColumn('created_at', int8, notNull)
    .addColumn('expires_at', int8, notNull)
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'user_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expires_idx').on('idempotency_keys').column('expires_at').execute();
}
