// The data EN 16931 needs that the ONLYOFFICE model does not hold (our extension, DECISIONS
// "Configuration the original keeps per portal"): the seller's identifiers and payment account
// as organisation settings, and the buyer's identifiers per contact. Written through
// `PUT crm/settings/organisation/einvoice` and `PUT crm/contact/{id}/einvoice`; checked here when
// written, so a stored value always passes the EN 16931 code lists (BR-CL-*) and BR-CO-09.
import { invalid } from '../errors.js';
import { COUNTRY_CODES, EAS_CODES, ICD_CODES, PAYMENT_MEANS_CODES, VAT_PREFIXES, VATEX_CODES } from './code-lists.js';

/** VAT category of lines without any tax: O "not subject to VAT" (default) or E "exempt". */
export type UntaxedCategory = 'O' | 'E';

export interface SellerEinvoiceSettings {
  /** BT-31 */
  vatId: string;
  /** BT-32 (a national tax number, e.g. the German Steuernummer). */
  taxRegistrationId: string;
  /** BT-30 and its scheme BT-30-1 (ISO 6523 ICD, optional). */
  legalRegistrationId: string;
  legalRegistrationScheme: string;
  /** BT-40; when empty, the organisation address's country text is used if recognised. */
  countryCode: string;
  /** BT-34 and BT-34-1 (CEF EAS). */
  electronicAddress: string;
  electronicAddressScheme: string;
  /** BT-84 (IBAN), BT-86 (BIC), BT-85. */
  iban: string;
  bic: string;
  accountName: string;
  /** BT-81 (UNTDID 4461); empty: 58 (SEPA credit transfer) for EUR invoices, else 30, when an IBAN is set. */
  paymentMeansCode: string;
  /** BT-41, BT-42, BT-43. */
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  /** The category of untaxed lines, and its exemption reason text BT-120 / code BT-121. */
  untaxedCategoryCode: UntaxedCategory | '';
  exemptionReason: string;
  exemptionReasonCode: string;
}

export interface ContactEinvoiceSettings {
  /** BT-48 */
  vatId: string;
  /** BT-47 and BT-47-1. */
  legalRegistrationId: string;
  legalRegistrationScheme: string;
  /** BT-55 (and BT-80 when the contact is the consignee); when empty the address text is used. */
  countryCode: string;
  /** BT-49 and BT-49-1. */
  electronicAddress: string;
  electronicAddressScheme: string;
  /** BT-10, e.g. the Leitweg-ID of a German public buyer; wins over the invoice's PO number. */
  buyerReference: string;
}

export const EMPTY_SELLER_SETTINGS: SellerEinvoiceSettings = {
  vatId: '', taxRegistrationId: '', legalRegistrationId: '', legalRegistrationScheme: '', countryCode: '',
  electronicAddress: '', electronicAddressScheme: '', iban: '', bic: '', accountName: '', paymentMeansCode: '',
  contactName: '', contactPhone: '', contactEmail: '', untaxedCategoryCode: '', exemptionReason: '', exemptionReasonCode: '',
};

export const EMPTY_CONTACT_SETTINGS: ContactEinvoiceSettings = {
  vatId: '', legalRegistrationId: '', legalRegistrationScheme: '', countryCode: '', electronicAddress: '', electronicAddressScheme: '', buyerReference: '',
};

/** A PUT's members: omitted (or null) keeps the stored value, "" clears it. */
export type SellerSettingsPatch = Partial<Record<keyof SellerEinvoiceSettings, string | null>>;
export type ContactSettingsPatch = Partial<Record<keyof ContactEinvoiceSettings, string | null>>;

export const SELLER_SETTING_KEYS = Object.keys(EMPTY_SELLER_SETTINGS) as (keyof SellerEinvoiceSettings)[];
export const CONTACT_SETTING_KEYS = Object.keys(EMPTY_CONTACT_SETTINGS) as (keyof ContactEinvoiceSettings)[];

const MAX_LENGTH = 255;
const MAX_REASON_LENGTH = 1000;

const compact = (s: string) => s.replace(/\s+/g, '').toUpperCase();

function checkLength(param: string, value: string, max = MAX_LENGTH): void {
  const length = [...value].length;
  if (length > max) throw invalid(`${param}: at most ${max} characters (got ${length})`);
}

function checkCode(param: string, value: string, list: ReadonlySet<string>, what: string): void {
  if (value !== '' && !list.has(value)) throw invalid(`${param}: ${JSON.stringify(value.slice(0, 40))} is not ${what}`);
}

function normaliseVatId(param: string, bt: string, text: string): string {
  const v = compact(text);
  if (v === '') return v;
  // BR-CO-09: the identifier starts with the ISO 3166-1 code of the country that issued it.
  if (v.length < 3 || !VAT_PREFIXES.has(v.slice(0, 2))) {
    throw invalid(`${param}: a VAT identifier (${bt}) starts with the country code that issued it, e.g. DE123456789 (BR-CO-09)`);
  }
  if (!/^[A-Z0-9+*.]+$/.test(v)) throw invalid(`${param}: a VAT identifier (${bt}) has only letters and digits`);
  return v;
}

/** ISO 13616 check: the IBAN's mod-97 check digits. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** GS1 check digit of a GLN (scheme 0088; Peppol checks it, PEPPOL-COMMON-R040). */
export function isValidGln(gln: string): boolean {
  if (!/^\d{13}$/.test(gln)) return false;
  const sum = [...gln.slice(0, 12)].reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === Number(gln[12]);
}

const checkGln = (param: string, id: string, scheme: string) => {
  if (scheme === '0088' && !isValidGln(id)) throw invalid(`${param}: a GLN (scheme 0088) has 13 digits and a valid check digit`);
};

function normaliseElectronicAddress(param: string, bt: string, address: string, scheme: string): { address: string; scheme: string } {
  const a = address.trim();
  let s = scheme.trim().toUpperCase();
  if (a === '' && s === '') return { address: '', scheme: '' };
  if (a === '') throw invalid(`${param}: the electronic address (${bt}) is required when its scheme is given`);
  // BR-62/BR-63: an electronic address has a scheme. An e-mail address needs no explanation.
  if (s === '' && /^[^\s@]+@[^\s@]+$/.test(a)) s = 'EM';
  if (s === '') throw invalid(`${param}Scheme: the scheme of the electronic address (${bt}-1) is required, a CEF EAS code such as EM (e-mail), 0088 (GLN), 0204 (Leitweg-ID), 9930 (German VAT number)`);
  checkCode(`${param}Scheme`, s, EAS_CODES, `a CEF EAS code (${bt}-1)`);
  checkGln(param, a, s);
  return { address: a, scheme: s };
}

function normaliseCountry(param: string, value: string, bt: string): string {
  const c = value.trim().toUpperCase();
  checkCode(param, c, COUNTRY_CODES, `an ISO 3166-1 alpha-2 country code (${bt})`);
  return c;
}

function normaliseLegalRegistration(prefix: string, id: string, scheme: string, bt: string): { id: string; scheme: string } {
  const i = id.trim();
  const s = scheme.trim();
  if (s !== '' && i === '') throw invalid(`${prefix}Scheme: the identifier (${bt}) is required when its scheme is given`);
  checkCode(`${prefix}Scheme`, s, ICD_CODES, `an ISO 6523 ICD code (${bt}-1), e.g. 0002`);
  checkGln(`${prefix}Id`, i, s);
  return { id: i, scheme: s };
}

/** Merges a partial update into the stored seller settings and checks the result. */
export function validateSellerSettings(current: SellerEinvoiceSettings, patch: SellerSettingsPatch): SellerEinvoiceSettings {
  const raw: SellerEinvoiceSettings = { ...current };
  for (const key of SELLER_SETTING_KEYS) {
    const v = patch[key];
    if (v === undefined || v === null) continue;
    const text = String(v);
    checkLength(key, text, key === 'exemptionReason' ? MAX_REASON_LENGTH : MAX_LENGTH);
    (raw as unknown as Record<string, string>)[key] = text;
  }
  const electronic = normaliseElectronicAddress('electronicAddress', 'BT-34', raw.electronicAddress, raw.electronicAddressScheme);
  const legal = normaliseLegalRegistration('legalRegistration', raw.legalRegistrationId, raw.legalRegistrationScheme, 'BT-30');
  const iban = compact(raw.iban);
  if (iban !== '' && !isValidIban(iban)) throw invalid('iban: not a valid IBAN (BT-84): check the country code, the length and the check digits');
  const bic = compact(raw.bic);
  if (bic !== '' && !/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) throw invalid('bic: not a BIC (BT-86): 8 or 11 letters and digits, e.g. DEUTDEFF');
  const means = raw.paymentMeansCode.trim().toUpperCase();
  checkCode('paymentMeansCode', means, PAYMENT_MEANS_CODES, 'a UNTDID 4461 payment means code (BT-81), e.g. 58 (SEPA credit transfer) or 30 (credit transfer)');
  const phone = raw.contactPhone.trim();
  // XRechnung BR-DE-27: a telephone number has at least three digits.
  if (phone !== '' && (phone.match(/\d/g) ?? []).length < 3) throw invalid('contactPhone: a telephone number (BT-42) has at least three digits');
  const email = raw.contactEmail.trim();
  // XRechnung BR-DE-28: exactly one @, not at either end.
  if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid('contactEmail: not an e-mail address (BT-43)');
  const untaxed = raw.untaxedCategoryCode.trim().toUpperCase();
  if (untaxed !== '' && untaxed !== 'O' && untaxed !== 'E') {
    throw invalid('untaxedCategoryCode: O (not subject to VAT) or E (exempt from VAT), the VAT category of lines without a tax (BT-151)');
  }
  const exemptionCode = raw.exemptionReasonCode.trim().toUpperCase();
  checkCode('exemptionReasonCode', exemptionCode, VATEX_CODES, 'a VATEX exemption reason code (BT-121), e.g. VATEX-EU-O');
  return {
    vatId: normaliseVatId('vatId', 'BT-31', raw.vatId),
    taxRegistrationId: raw.taxRegistrationId.trim(),
    legalRegistrationId: legal.id,
    legalRegistrationScheme: legal.scheme,
    countryCode: normaliseCountry('countryCode', raw.countryCode, 'BT-40'),
    electronicAddress: electronic.address,
    electronicAddressScheme: electronic.scheme,
    iban,
    bic,
    accountName: raw.accountName.trim(),
    paymentMeansCode: means,
    contactName: raw.contactName.trim(),
    contactPhone: phone,
    contactEmail: email,
    untaxedCategoryCode: untaxed as UntaxedCategory | '',
    exemptionReason: raw.exemptionReason.trim(),
    exemptionReasonCode: exemptionCode,
  };
}

/** Merges a partial update into a contact's stored settings and checks the result. */
export function validateContactSettings(current: ContactEinvoiceSettings, patch: ContactSettingsPatch): ContactEinvoiceSettings {
  const raw: ContactEinvoiceSettings = { ...current };
  for (const key of CONTACT_SETTING_KEYS) {
    const v = patch[key];
    if (v === undefined || v === null) continue;
    const text = String(v);
    checkLength(key, text);
    raw[key] = text;
  }
  const electronic = normaliseElectronicAddress('electronicAddress', 'BT-49', raw.electronicAddress, raw.electronicAddressScheme);
  const legal = normaliseLegalRegistration('legalRegistration', raw.legalRegistrationId, raw.legalRegistrationScheme, 'BT-47');
  return {
    vatId: normaliseVatId('vatId', 'BT-48', raw.vatId),
    legalRegistrationId: legal.id,
    legalRegistrationScheme: legal.scheme,
    countryCode: normaliseCountry('countryCode', raw.countryCode, 'BT-55'),
    electronicAddress: electronic.address,
    electronicAddressScheme: electronic.scheme,
    buyerReference: raw.buyerReference.trim(),
  };
}
