// Seller (BG-4), buyer (BG-7), delivery (BG-13) and payment instructions (BG-16) from the
// organisation profile, the contact and consignee with the addresses the invoice names, and
// the e-invoice settings. Each mandatory term without a value is reported to the findings.
import type { AddressParts } from '../contacts/contact.js';
import type { EinvoiceInput, EinvoicePartyInput } from '../documents/einvoice-input.js';
import { countryCodeOf } from './country.js';
import type { EinvoiceDelivery, EinvoiceParty, EinvoiceProfile, PaymentInstructions, PostalAddress, VatCategoryCode } from './einvoice-model.js';
import type { EinvoiceFindings } from './findings.js';

/** An address for EN 16931: the explicit country code setting wins over the address's country text. */
function postalAddress(address: AddressParts | undefined, countryCode: string): PostalAddress {
  return {
    street: address?.street.trim() ?? '',
    city: address?.city.trim() ?? '',
    postCode: address?.zip.trim() ?? '',
    subdivision: address?.state.trim() ?? '',
    countryCode: countryCode || countryCodeOf(address?.country) || '',
  };
}

const identifier = (id: string, scheme: string) => (id ? { id, scheme } : undefined);

/**
 * The seller. `categories` are the VAT categories the lines use: S, Z and E need a VAT identifier
 * or a tax registration (BR-S-02, BR-Z-02, BR-E-02); O forbids VAT identifiers (BR-O-02), and
 * the seller must still be identifiable (BR-CO-26: BT-29, BT-30 or BT-31).
 */
export function composeSeller(input: EinvoiceInput, categories: ReadonlySet<VatCategoryCode>, profile: EinvoiceProfile, findings: EinvoiceFindings): EinvoiceParty {
  const s = input.seller.settings;
  const notSubjectToVat = categories.has('O');
  const needsTaxId = categories.has('S') || categories.has('Z') || categories.has('E');
  const name = input.seller.name.trim();
  if (!name) findings.missingTerm('BT-27 Seller name (the organisation name, PUT settings/organisation/base)');
  const address = postalAddress(input.seller.address, s.countryCode);
  if (!address.countryCode) findings.missingTerm('BT-40 Seller country code (organisation e-invoice setting countryCode, or a recognised country in the organisation address)');
  const vatId = notSubjectToVat ? undefined : s.vatId || undefined;
  if (needsTaxId && !s.vatId && !s.taxRegistrationId) findings.missingTerm('BT-31 Seller VAT identifier (organisation e-invoice setting vatId)');
  else if (!vatId && !s.legalRegistrationId) {
    findings.missingTerm(
      notSubjectToVat
        ? 'BT-30 Seller legal registration identifier (BR-CO-26: an invoice not subject to VAT carries no VAT identifier, BR-O-02)'
        : 'BT-30 Seller legal registration identifier or BT-31 Seller VAT identifier (BR-CO-26)',
    );
  }
  const contact = s.contactName || s.contactPhone || s.contactEmail ? { name: s.contactName, phone: s.contactPhone, email: s.contactEmail } : undefined;
  if (profile.xrechnung) {
    // XRechnung 3.0 (BR-DE-2 … BR-DE-7, and BT-34 mandatory): checked by us, no official rules offline.
    if (!address.city) findings.missingTerm('BT-37 Seller city (organisation address)');
    if (!address.postCode) findings.missingTerm('BT-38 Seller post code (organisation address zip)');
    if (!s.electronicAddress) findings.missingTerm('BT-34 Seller electronic address (organisation e-invoice setting electronicAddress)');
    if (!s.contactName) findings.missingTerm('BT-41 Seller contact point (organisation e-invoice setting contactName)');
    if (!s.contactPhone) findings.missingTerm('BT-42 Seller contact telephone number (organisation e-invoice setting contactPhone)');
    if (!s.contactEmail) findings.missingTerm('BT-43 Seller contact email address (organisation e-invoice setting contactEmail)');
  }
  return {
    name,
    postalAddress: address,
    vatId,
    taxRegistrationId: s.taxRegistrationId || undefined,
    legalRegistration: identifier(s.legalRegistrationId, s.legalRegistrationScheme),
    electronicAddress: identifier(s.electronicAddress, s.electronicAddressScheme),
    contact,
  };
}

export function composeBuyer(buyer: EinvoicePartyInput, categories: ReadonlySet<VatCategoryCode>, profile: EinvoiceProfile, findings: EinvoiceFindings): EinvoiceParty {
  const s = buyer.settings;
  const name = buyer.name.trim();
  if (!name) findings.missingTerm('BT-44 Buyer name (the contact\'s name)');
  const address = postalAddress(buyer.address, s.countryCode);
  if (!address.countryCode) findings.missingTerm('BT-55 Buyer country code (the contact\'s e-invoice setting countryCode, or a recognised country in the billing address)');
  if (profile.xrechnung) {
    if (!address.city) findings.missingTerm('BT-52 Buyer city (the billing address)');
    if (!address.postCode) findings.missingTerm('BT-53 Buyer post code (the billing address zip)');
    if (!s.electronicAddress) findings.missingTerm('BT-49 Buyer electronic address (the contact\'s e-invoice setting electronicAddress)');
  }
  return {
    name,
    postalAddress: address,
    // BR-O-02: an invoice not subject to VAT names no VAT identifier, the buyer's included.
    vatId: categories.has('O') ? undefined : s.vatId || undefined,
    taxRegistrationId: undefined,
    legalRegistration: identifier(s.legalRegistrationId, s.legalRegistrationScheme),
    electronicAddress: identifier(s.electronicAddress, s.electronicAddressScheme),
    contact: undefined,
  };
}

/** Delivery from the consignee ("Ship To") and the delivery address the invoice names. */
export function composeDelivery(consignee: EinvoicePartyInput | null, profile: EinvoiceProfile, findings: EinvoiceFindings): EinvoiceDelivery | undefined {
  if (!consignee) return undefined;
  const name = consignee.name.trim();
  if (!consignee.address) return name ? { name, address: undefined } : undefined;
  const address = postalAddress(consignee.address, consignee.settings.countryCode);
  // BR-57: a deliver-to address has a country code.
  if (!address.countryCode) findings.missingTerm('BT-80 Deliver to country code (the consignee\'s e-invoice setting countryCode, or a recognised country in the delivery address)');
  if (profile.xrechnung) {
    if (!address.city) findings.missingTerm('BT-77 Deliver to city (the delivery address)');
    if (!address.postCode) findings.missingTerm('BT-78 Deliver to post code (the delivery address zip)');
  }
  return { name, address };
}

const CREDIT_TRANSFER = new Set(['30', '58']);

/** BG-16/BG-17 from the organisation's account; absent when neither an IBAN nor a means code is set. */
export function composePayment(input: EinvoiceInput, profile: EinvoiceProfile, findings: EinvoiceFindings): PaymentInstructions | undefined {
  const s = input.seller.settings;
  // Without an explicit code, an account means a credit transfer: SEPA for euro invoices.
  const meansCode = s.paymentMeansCode || (s.iban ? (input.currency === 'EUR' ? '58' : '30') : '');
  if (!meansCode) {
    if (profile.xrechnung) findings.missingTerm('BT-81 Payment means type code (BR-DE-1: organisation e-invoice setting iban or paymentMeansCode)');
    return undefined;
  }
  // BR-61: a credit transfer names the account to pay into.
  if (CREDIT_TRANSFER.has(meansCode) && !s.iban) findings.missingTerm('BT-84 Payment account identifier (organisation e-invoice setting iban)');
  return { meansCode, accountId: s.iban || undefined, accountName: s.accountName || undefined, bic: s.bic || undefined };
}
