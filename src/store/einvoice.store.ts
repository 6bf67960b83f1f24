// EN 16931 settings of the seller (one row per tenant) and of contacts (one row per contact).
// A missing row reads as empty settings; writes are upserts.
import type { ContactEinvoiceSettings, SellerEinvoiceSettings, UntaxedCategory } from '../domain/einvoice/einvoice-settings.js';
import { EMPTY_CONTACT_SETTINGS, EMPTY_SELLER_SETTINGS } from '../domain/einvoice/einvoice-settings.js';
import type { Dialect, Executor } from './database.js';
import { num } from './rows.js';

type SellerRow = {
  vat_id: string; tax_registration_id: string; legal_registration_id: string; legal_registration_scheme: string; country_code: string;
  electronic_address: string; electronic_address_scheme: string; iban: string; bic: string; account_name: string; payment_means_code: string;
  contact_name: string; contact_phone: string; contact_email: string; untaxed_category_code: string; exemption_reason: string; exemption_reason_code: string;
};

type ContactRow = {
  vat_id: string; legal_registration_id: string; legal_registration_scheme: string; country_code: string;
  electronic_address: string; electronic_address_scheme: string; buyer_reference: string;
};

const toSeller = (r: SellerRow): SellerEinvoiceSettings => ({
  vatId: r.vat_id,
  taxRegistrationId: r.tax_registration_id,
  legalRegistrationId: r.legal_registration_id,
  legalRegistrationScheme: r.legal_registration_scheme,
  countryCode: r.country_code,
  electronicAddress: r.electronic_address,
  electronicAddressScheme: r.electronic_address_scheme,
  iban: r.iban,
  bic: r.bic,
  accountName: r.account_name,
  paymentMeansCode: r.payment_means_code,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  contactEmail: r.contact_email,
  untaxedCategoryCode: r.untaxed_category_code as UntaxedCategory | '',
  exemptionReason: r.exemption_reason,
  exemptionReasonCode: r.exemption_reason_code,
});

const fromSeller = (s: SellerEinvoiceSettings): SellerRow => ({
  vat_id: s.vatId,
  tax_registration_id: s.taxRegistrationId,
  legal_registration_id: s.legalRegistrationId,
  legal_registration_scheme: s.legalRegistrationScheme,
  country_code: s.countryCode,
  electronic_address: s.electronicAddress,
  electronic_address_scheme: s.electronicAddressScheme,
  iban: s.iban,
  bic: s.bic,
  account_name: s.accountName,
  payment_means_code: s.paymentMeansCode,
  contact_name: s.contactName,
  contact_phone: s.contactPhone,
  contact_email: s.contactEmail,
  untaxed_category_code: s.untaxedCategoryCode,
  exemption_reason: s.exemptionReason,
  exemption_reason_code: s.exemptionReasonCode,
});

const toContactSettings = (r: ContactRow): ContactEinvoiceSettings => ({
  vatId: r.vat_id,
  legalRegistrationId: r.legal_registration_id,
  legalRegistrationScheme: r.legal_registration_scheme,
  countryCode: r.country_code,
  electronicAddress: r.electronic_address,
  electronicAddressScheme: r.electronic_address_scheme,
  buyerReference: r.buyer_reference,
});

const fromContactSettings = (s: ContactEinvoiceSettings): ContactRow => ({
  vat_id: s.vatId,
  legal_registration_id: s.legalRegistrationId,
  legal_registration_scheme: s.legalRegistrationScheme,
  country_code: s.countryCode,
  electronic_address: s.electronicAddress,
  electronic_address_scheme: s.electronicAddressScheme,
  buyer_reference: s.buyerReference,
});

export async function findSellerSettings(db: Executor, tenantId: number): Promise<SellerEinvoiceSettings> {
  const r = await db.selectFrom('einvoice_seller_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return r ? toSeller(r) : { ...EMPTY_SELLER_SETTINGS };
}

/**
 * Serialises concurrent writers of a tenant's seller settings on PostgreSQL (the row may not
 * exist yet, so the tenant's settings row is the lock); SQLite writers are serial already.
 */
export async function lockSellerSettings(db: Executor, dialect: Dialect, tenantId: number): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('tenant_settings').select('tenant_id').where('tenant_id', '=', tenantId).forUpdate().execute();
}

export async function upsertSellerSettings(db: Executor, tenantId: number, s: SellerEinvoiceSettings, by: string, now: number): Promise<void> {
  const values = { ...fromSeller(s), updated_by: by, updated_at: now };
  await db
    .insertInto('einvoice_seller_settings')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}

/** Settings of these contacts; contacts without a row are absent from the map. */
export async function findContactSettings(db: Executor, tenantId: number, contactIds: readonly number[]): Promise<Map<number, ContactEinvoiceSettings>> {
  const ids = [...new Set(contactIds.filter((id) => id > 0))];
  const out = new Map<number, ContactEinvoiceSettings>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('einvoice_contact_settings').selectAll().where('tenant_id', '=', tenantId).where('contact_id', 'in', ids).execute();
  for (const r of rows) out.set(num(r.contact_id), toContactSettings(r));
  return out;
}

export const contactSettingsOr = (map: ReadonlyMap<number, ContactEinvoiceSettings>, id: number): ContactEinvoiceSettings =>
  map.get(id) ?? { ...EMPTY_CONTACT_SETTINGS };

/** Locks the contact row on PostgreSQL, so two writers of its settings do not interleave. */
export async function lockContactForSettings(db: Executor, dialect: Dialect, tenantId: number, contactId: number): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('contacts').select('id').where('tenant_id', '=', tenantId).where('id', '=', contactId).forUpdate().execute();
}

export async function upsertContactSettings(db: Executor, tenantId: number, contactId: number, s: ContactEinvoiceSettings, by: string, now: number): Promise<void> {
  const values = { ...fromContactSettings(s), updated_by: by, updated_at: now };
  await db
    .insertInto('einvoice_contact_settings')
    .values({ tenant_id: tenantId, contact_id: contactId, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'contact_id']).doUpdateSet(values))
    .execute();
}
