// The EN 16931 semantic model of one invoice: business terms (BT-*) and groups (BG-*) with their
// values computed, in no particular syntax. The UBL and CII renderers print it; they compute
// nothing. Amounts are exact decimals with at most 2 fraction digits (BR-DEC-*).
import type { Decimal } from '../money.js';

export type EinvoiceFormat = 'ubl' | 'cii' | 'xrechnung-ubl' | 'xrechnung-cii' | 'facturx';
export const EINVOICE_FORMATS: readonly EinvoiceFormat[] = ['ubl', 'cii', 'xrechnung-ubl', 'xrechnung-cii', 'facturx'];

export interface EinvoiceProfile {
  format: EinvoiceFormat;
  syntax: 'ubl' | 'cii';
  /** BT-24 Specification identifier. */
  customizationId: string;
  /** BT-23 Business process type (XRechnung documents carry the Peppol billing process). */
  profileId: string | undefined;
  /** The German CIUS: its extra mandatory terms are checked before rendering. */
  xrechnung: boolean;
}

/** VAT category codes we produce (UNTDID 5305 subset): standard, zero rated, exempt, not subject. */
export type VatCategoryCode = 'S' | 'Z' | 'E' | 'O';

export interface PostalAddress {
  /** BT-35 / BT-50 / BT-75 */
  street: string;
  /** BT-37 / BT-52 / BT-77 */
  city: string;
  /** BT-38 / BT-53 / BT-78 */
  postCode: string;
  /** BT-39 / BT-54 / BT-79 */
  subdivision: string;
  /** BT-40 / BT-55 / BT-80 */
  countryCode: string;
}

export interface Identifier {
  id: string;
  /** Scheme (EAS for electronic addresses, ICD for legal registrations); "" when none. */
  scheme: string;
}

export interface EinvoiceParty {
  /** BT-27 / BT-44 (registration name; also the party name). */
  name: string;
  postalAddress: PostalAddress;
  /** BT-31 / BT-48 */
  vatId: string | undefined;
  /** BT-32 (seller only). */
  taxRegistrationId: string | undefined;
  /** BT-30 / BT-47 */
  legalRegistration: Identifier | undefined;
  /** BT-34 / BT-49 */
  electronicAddress: Identifier | undefined;
  /** BG-6 (seller contact): BT-41, BT-42, BT-43. */
  contact: { name: string; phone: string; email: string } | undefined;
}

export interface AllowanceCharge {
  /** false: allowance (BG-27), true: charge (BG-28). */
  isCharge: boolean;
  /** BT-136 / BT-141 */
  amount: Decimal;
  /** BT-137 / BT-142 */
  baseAmount: Decimal;
  /** BT-138 / BT-143, percent. */
  percent: Decimal;
  /** BT-140 / BT-145 (UNTDID 5189 / 7161), or undefined when only the text is given. */
  reasonCode: string | undefined;
  /** BT-139 / BT-144 */
  reason: string;
}

export interface LineVat {
  /** BT-151 */
  category: VatCategoryCode;
  /** BT-152; undefined for category O (BR-O-05). */
  rate: Decimal | undefined;
}

export interface EinvoiceLine {
  /** BT-126 */
  id: string;
  /** BT-129 and its unit BT-130. */
  quantity: Decimal;
  unitCode: string;
  /** BT-131: quantity × price − allowances + charges. */
  netAmount: Decimal;
  /** BT-146 Item net price (ONLYOFFICE's line price; the discount is an allowance, BG-27). */
  price: Decimal;
  /** BT-153, BT-154, BT-155. */
  itemName: string;
  itemDescription: string;
  sellerItemId: string;
  vat: LineVat;
  allowancesCharges: AllowanceCharge[];
}

export interface VatBreakdown {
  /** BT-118, BT-119 */
  category: VatCategoryCode;
  rate: Decimal | undefined;
  /** BT-116 */
  taxableAmount: Decimal;
  /** BT-117 */
  taxAmount: Decimal;
  /** BT-120, BT-121 (E and O only). */
  exemptionReason: string | undefined;
  exemptionReasonCode: string | undefined;
}

export interface DocumentTotals {
  /** BT-106 */
  lineNet: Decimal;
  /** BT-109 */
  taxExclusive: Decimal;
  /** BT-110 */
  vatTotal: Decimal;
  /** BT-112 */
  taxInclusive: Decimal;
  /** BT-115 */
  payable: Decimal;
}

export interface PaymentInstructions {
  /** BT-81 */
  meansCode: string;
  /** BT-84, BT-85, BT-86 */
  accountId: string | undefined;
  accountName: string | undefined;
  bic: string | undefined;
}

export interface EinvoiceDelivery {
  /** BT-70 */
  name: string;
  /** BG-15, when the invoice names a delivery address. */
  address: PostalAddress | undefined;
}

export interface EinvoiceModel {
  profile: EinvoiceProfile;
  /** BT-1 */
  number: string;
  /** BT-2, BT-9: YYYY-MM-DD. */
  issueDate: string;
  dueDate: string;
  /** BT-3 */
  typeCode: '380';
  /** BT-5 */
  currency: string;
  /** BT-22 */
  note: string | undefined;
  /** BT-10 */
  buyerReference: string | undefined;
  /** BT-13 */
  orderReference: string | undefined;
  /** BT-20 */
  paymentTerms: string | undefined;
  seller: EinvoiceParty;
  buyer: EinvoiceParty;
  delivery: EinvoiceDelivery | undefined;
  payment: PaymentInstructions | undefined;
  lines: EinvoiceLine[];
  vatBreakdown: VatBreakdown[];
  totals: DocumentTotals;
}
