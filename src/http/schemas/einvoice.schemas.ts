// Wire schemas of the e-invoice routes (our extension, issue 6). Settings PUTs change the members
// they send ("" clears one) and keep the others.
import { Type, type Static } from 'typebox';

const text = (description: string) => Type.Optional(Type.String({ description }));

export const SellerSettingsBody = Type.Object({
  vatId: text('BT-31 Seller VAT identifier, with its country prefix (DE123456789); spaces are removed'),
  taxRegistrationId: text('BT-32 Seller tax registration identifier (a national tax number)'),
  legalRegistrationId: text('BT-30 Seller legal registration identifier (e.g. the commercial register number)'),
  legalRegistrationScheme: text('BT-30-1 its scheme, an ISO 6523 ICD code such as 0002 (optional)'),
  countryCode: text('BT-40 Seller country code, ISO 3166-1 alpha-2; when empty, the organisation address\'s country is used if it is a code or a recognised country name'),
  electronicAddress: text('BT-34 Seller electronic address (required by XRechnung)'),
  electronicAddressScheme: text('BT-34-1 its scheme, a CEF EAS code (EM for e-mail, the default for an address with @; 0088 GLN, 0204 Leitweg-ID, 9930 German VAT number, …)'),
  iban: text('BT-84 Payment account identifier: an IBAN (checked)'),
  bic: text('BT-86 Payment service provider identifier: a BIC'),
  accountName: text('BT-85 Payment account name'),
  paymentMeansCode: text('BT-81 Payment means type code (UNTDID 4461). Empty: 58 (SEPA credit transfer) for EUR invoices, else 30 (credit transfer), when an IBAN is set'),
  contactName: text('BT-41 Seller contact point'),
  contactPhone: text('BT-42 Seller contact telephone number'),
  contactEmail: text('BT-43 Seller contact email address'),
  untaxedCategoryCode: text('VAT category (BT-151) of invoice lines without a tax: O "not subject to VAT" (default; no other category may then appear) or E "exempt" (needs exemptionReason or exemptionReasonCode)'),
  exemptionReason: text('BT-120 VAT exemption reason text of those lines (default for O: "Not subject to VAT")'),
  exemptionReasonCode: text('BT-121 VAT exemption reason code (CEF VATEX, e.g. VATEX-EU-O)'),
});
export type SellerSettingsBody = Static<typeof SellerSettingsBody>;

export const ContactSettingsBody = Type.Object({
  vatId: text('BT-48 Buyer VAT identifier, with its country prefix'),
  legalRegistrationId: text('BT-47 Buyer legal registration identifier'),
  legalRegistrationScheme: text('BT-47-1 its scheme, an ISO 6523 ICD code (optional)'),
  countryCode: text('BT-55 Buyer country code (and BT-80 when the contact is the consignee), ISO 3166-1 alpha-2; when empty, the address\'s country is used if it is a code or a recognised country name'),
  electronicAddress: text('BT-49 Buyer electronic address (required by XRechnung)'),
  electronicAddressScheme: text('BT-49-1 its scheme, a CEF EAS code (EM for e-mail is the default for an address with @)'),
  buyerReference: text('BT-10 Buyer reference, e.g. the Leitweg-ID of a German public buyer; invoices to this contact carry it instead of their purchase order number'),
});
export type ContactSettingsBody = Static<typeof ContactSettingsBody>;

export const EinvoiceContactParams = Type.Object({ contactid: Type.Integer({ maximum: 2_147_483_647, description: 'Contact id' }) });

export const EinvoiceParams = Type.Object({ invoiceid: Type.Integer({ maximum: 2_147_483_647, description: 'Invoice id' }) });

export const EinvoiceQuery = Type.Object({
  format: Type.Optional(
    Type.String({
      description:
        'ubl (UBL 2.1 Invoice, EN 16931), cii (UN/CEFACT CII D16B, EN 16931), xrechnung-ubl / xrechnung-cii (XRechnung 3.0), facturx (Factur-X EN 16931: PDF/A-3 with factur-x.xml). Any letter case; required',
      examples: ['ubl', 'cii', 'xrechnung-ubl', 'xrechnung-cii', 'facturx'],
    }),
  ),
});
