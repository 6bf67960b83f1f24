// E-invoice settings on the wire: every member, "" when not set.
import type { ContactEinvoiceSettings, SellerEinvoiceSettings } from '../../domain/einvoice/einvoice-settings.js';

export const presentSellerSettings = (s: SellerEinvoiceSettings) => ({
  vatId: s.vatId,
  taxRegistrationId: s.taxRegistrationId,
  legalRegistrationId: s.legalRegistrationId,
  legalRegistrationScheme: s.legalRegistrationScheme,
  countryCode: s.countryCode,
  electronicAddress: s.electronicAddress,
  electronicAddressScheme: s.electronicAddressScheme,
  iban: s.iban,
  bic: s.bic,
  accountName: s.accountName,
  paymentMeansCode: s.paymentMeansCode,
  contactName: s.contactName,
  contactPhone: s.contactPhone,
  contactEmail: s.contactEmail,
  untaxedCategoryCode: s.untaxedCategoryCode,
  exemptionReason: s.exemptionReason,
  exemptionReasonCode: s.exemptionReasonCode,
});

export const presentContactSettings = (contactId: number, s: ContactEinvoiceSettings) => ({
  contactId,
  vatId: s.vatId,
  legalRegistrationId: s.legalRegistrationId,
  legalRegistrationScheme: s.legalRegistrationScheme,
  countryCode: s.countryCode,
  electronicAddress: s.electronicAddress,
  electronicAddressScheme: s.electronicAddressScheme,
  buyerReference: s.buyerReference,
});
