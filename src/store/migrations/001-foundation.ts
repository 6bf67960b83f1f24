import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { int8, notNull, notNullDefault, withId } from './helpers.js';

// Tenants (ONLYOFFICE portals), their users and API tokens (DECISIONS "Tenants, users, tokens").
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('tenants'), dialect)
    .addColumn('name', 'text', notNull)
    .addColumn('time_zone', 'text', notNullDefault('UTC'))
    .addColumn('default_currency', 'text', notNullDefault('EUR'))
    .addColumn('created_at', int8, notNull)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('email', 'text', notNull)
    .addColumn('first_name', 'text', notNullDefault(''))
    .addColumn('last_name', 'text', notNullDefault(''))
    .addColumn('title', 'text', notNullDefault(''))
    .addColumn('password_hash', 'text', notNull)
    .addColumn('is_admin', 'integer', notNullDefault(0))
    .addColumn('is_visitor', 'integer', notNullDefault(0))
    .addColumn('is_active', 'integer', notNullDefault(1))
    .addColumn('created_at', int8, notNull)
    .execute();
  await db.schema.createIndex('users_email_uq').on('users').column('email').unique().execute();
  await db.schema.createIndex('users_tenant_idx').on('users').columns(['tenant_id', 'id']).execute();

  await db.schema
    .createTable('auth_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', int8, notNull)
    .addColumn('expires_at', int8, notNull)
    .addColumn('revoked_at', int8)
    .execute();
  await db.schema.createIndex('auth_tokens_user_idx').on('auth_tokens').columns(['tenant_id', 'user_id']).execute();
}
