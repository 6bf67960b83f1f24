import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { int8, notNull, notNullDefault } from './helpers.js';

// The EN 16931 data the ONLYOFFICE model lacks (issue 6, our extension): the seller's identifiers
// and payment account, one row per tenant; the buyer's identifiers, one row per contact. A table
// of its own rather than contact infos: ONLYOFFICE's ContactInfoType is a closed enum (spec §2.1)
// that clients list and render, and a VAT id is not a way to reach the contact.
const SELLER_COLUMNS = [
  'vat_id', 'tax_registration_id', 'legal_registration_id', 'legal_registration_scheme', 'country_code',
  'electronic_address', 'electronic_address_scheme', 'iban', 'bic', 'account_name', 'payment_means_code',
  'contact_name', 'contact_phone', 'contact_email', 'untaxed_category_code', 'exemption_reason', 'exemption_reason_code',
];
const CONTACT_COLUMNS = [
  'vat_id', 'legal_registration_id', 'legal_registration_scheme', 'country_code', 'electronic_address', 'electronic_address_scheme', 'buyer_reference',
];

export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  let seller = db.schema.createTable('einvoice_seller_settings').addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenants.id'));
  for (const column of SELLER_COLUMNS) seller = seller.addColumn(column, 'text', notNullDefault(''));
  await seller.addColumn('updated_by', 'text', notNull).addColumn('updated_at', int8, notNull).execute();

  let contact = db.schema
    .createTable('einvoice_contact_settings')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id').onDelete('cascade'));
  for (const column of CONTACT_COLUMNS) contact = contact.addColumn(column, 'text', notNullDefault(''));
  await contact
    .addColumn('updated_by', 'text', notNull)
    .addColumn('updated_at', int8, notNull)
    .addPrimaryKeyConstraint('einvoice_contact_settings_pk', ['tenant_id', 'contact_id'])
    .execute();
}
