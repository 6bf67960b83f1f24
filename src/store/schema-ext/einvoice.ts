// Tables added by migration 010-einvoice: EN 16931 settings of the seller and of contacts.
import type { ColumnType } from 'kysely';

type Int8 = ColumnType<number | string, number, number>;
type Text = ColumnType<string, string | undefined, string>;

export interface EinvoiceSellerSettingsTable {
  tenant_id: number;
  vat_id: Text;
  tax_registration_id: Text;
  legal_registration_id: Text;
  legal_registration_scheme: Text;
  country_code: Text;
  electronic_address: Text;
  electronic_address_scheme: Text;
  iban: Text;
  bic: Text;
  account_name: Text;
  payment_means_code: Text;
  contact_name: Text;
  contact_phone: Text;
  contact_email: Text;
  untaxed_category_code: Text;
  exemption_reason: Text;
  exemption_reason_code: Text;
  updated_by: string;
  updated_at: Int8;
}

export interface EinvoiceContactSettingsTable {
  tenant_id: number;
  contact_id: number;
  vat_id: Text;
  legal_registration_id: Text;
  legal_registration_scheme: Text;
  country_code: Text;
  electronic_address: Text;
  electronic_address_scheme: Text;
  buyer_reference: Text;
  updated_by: string;
  updated_at: Int8;
}

export interface EinvoiceTables {
  einvoice_seller_settings: EinvoiceSellerSettingsTable;
  einvoice_contact_settings: EinvoiceContactSettingsTable;
}
