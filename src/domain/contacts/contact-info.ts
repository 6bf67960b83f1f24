// Contact information: types, categories and the stored address form (spec §2.1 ContactInfoType,
// AddressCategory, PhoneCategory, ContactInfoBaseCategory; §2.3.12; §6.3).
import { invalid } from '../errors.js';
import { ADDRESS_CATEGORY, INFO_TYPE_ADDRESS, type AddressParts, type ContactInfo } from './contact.js';

/** ContactInfoType member names → wire integers (spec §2.1). */
export const INFO_TYPE_NAMES = {
  Phone: 0, Email: 1, Website: 2, Skype: 3, Twitter: 4, LinkedIn: 5, Facebook: 6, Address: 7, LiveJournal: 8,
  MySpace: 9, GMail: 10, Blogger: 11, Yahoo: 12, MSN: 13, ICQ: 14, Jabber: 15, AIM: 16, VK: 17,
} as const satisfies Record<string, number>;
const MAX_INFO_TYPE = 17;
export const INFO_TYPE_TWITTER = 4;
const INFO_TYPE_PHONE = 0;

/** AddressCategory names; "Delivery" is the English display text of Postal, also accepted (spec §1.3). */
export const ADDRESS_CATEGORY_NAMES = { Home: 0, Postal: 1, Delivery: 1, Office: 2, Billing: 3, Other: 4, Work: 5 } as const;
const PHONE_CATEGORY_NAMES = { Home: 0, Work: 1, Mobile: 2, Fax: 3, Direct: 4, Other: 5 } as const;
const BASE_CATEGORY_NAMES = { Home: 0, Work: 1, Other: 2 } as const;

// English display texts by category number; Postal shows as "Delivery" (spec §2.1).
const ADDRESS_CATEGORY_TEXT = ['Home', 'Delivery', 'Office', 'Billing', 'Other', 'Work'];
const PHONE_CATEGORY_TEXT = ['Home', 'Work', 'Mobile', 'Fax', 'Direct', 'Other'];
const BASE_CATEGORY_TEXT = ['Home', 'Work', 'Other'];

const categoryTexts = (infoType: number): string[] =>
  infoType === INFO_TYPE_ADDRESS ? ADDRESS_CATEGORY_TEXT : infoType === INFO_TYPE_PHONE ? PHONE_CATEGORY_TEXT : BASE_CATEGORY_TEXT;

const categoryNames = (infoType: number): Record<string, number> =>
  infoType === INFO_TYPE_ADDRESS ? ADDRESS_CATEGORY_NAMES : infoType === INFO_TYPE_PHONE ? PHONE_CATEGORY_NAMES : BASE_CATEGORY_NAMES;

export const isAddressCategory = (n: number): boolean => Number.isInteger(n) && n >= ADDRESS_CATEGORY.home && n <= ADDRESS_CATEGORY.work;

/** The localized (English) category name of an info; "" for a category the type does not define. */
export const formatCategoryName = (infoType: number, category: number): string => categoryTexts(infoType)[category] ?? '';

export function validateInfoType(infoType: number): void {
  if (!Number.isInteger(infoType) || infoType < 0 || infoType > MAX_INFO_TYPE)
    throw invalid(`infoType: ${infoType} is not a contact information type (0–${MAX_INFO_TYPE} or a name such as Phone, Email, Address)`);
}

/**
 * The category of `POST contact/{id}/data`: a name of the type's category enum (spec §6.3, any
 * letter case here), or its number (our superset). Missing means 0, the enum default.
 */
export function parseCategory(infoType: number, text: string | undefined): number {
  const t = (text ?? '').trim();
  const names = categoryNames(infoType);
  const allowed = Object.keys(names).filter((k) => k !== 'Delivery').join(', ');
  if (t === '') return 0;
  const max = categoryTexts(infoType).length - 1;
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    if (n < 0 || n > max) throw invalid(`category: ${n} is not a category of this information type (0–${max}: ${allowed})`);
    return n;
  }
  const hit = Object.entries(names).find(([k]) => k.toLowerCase() === t.toLowerCase());
  if (!hit) throw invalid(`category: ${JSON.stringify(t.slice(0, 60))} is not a category of this information type (${allowed})`);
  return hit[1];
}

export function validateAddressCategory(category: number, param = 'address.category'): void {
  if (!isAddressCategory(category)) throw invalid(`${param}: ${category} is not an address category (0 Home, 1 Postal, 2 Office, 3 Billing, 4 Other, 5 Work)`);
}

export interface AddressInput extends Partial<AddressParts> {
  category: number;
  isPrimary: boolean;
}

/**
 * The stored `data` of an address info (spec §6.3): an indented camelCase JSON object; missing parts
 * become "", and category 0 and isPrimary false are omitted.
 */
export function formatAddressData(a: AddressInput): string {
  const o: Record<string, unknown> = {
    street: a.street ?? '', city: a.city ?? '', state: a.state ?? '', zip: a.zip ?? '', country: a.country ?? '',
  };
  if (a.category !== 0) o.category = a.category;
  o.categoryName = formatCategoryName(INFO_TYPE_ADDRESS, a.category);
  if (a.isPrimary) o.isPrimary = true;
  return JSON.stringify(o, null, 2);
}

/**
 * The address parts of a client's `data` text for an Address info (spec §6.3): a JSON object with
 * keys street, city, state, zip, country (any letter case here). 400 when it is not a JSON object.
 */
export function parseAddressInput(data: string): Partial<AddressParts> {
  let o: unknown;
  try {
    o = JSON.parse(data);
  } catch (e) {
    throw invalid(`data: an address must be a JSON object such as {"street": "…", "city": "…"}: ${(e as Error).message}`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw invalid('data: an address must be a JSON object such as {"street": "…", "city": "…"}');
  const lower = new Map(Object.entries(o as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  const part = (k: string): string => {
    const v = lower.get(k);
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return { street: part('street'), city: part('city'), state: part('state'), zip: part('zip'), country: part('country') };
}

export interface FlatAddressParams extends Partial<AddressParts> {
  category: number;
  isPrimary: boolean;
}

/** The flat `contact/{id}/address` parameters as an address; undefined when no part was sent at all. */
export function addressFromFlatParams(p: FlatAddressParams): AddressInput | undefined {
  const parts = [p.street, p.city, p.state, p.zip, p.country];
  return parts.some((v) => v !== undefined) ? p : undefined;
}

/** The `data` of a contact information: required, trimmed (spec §6.3). */
export function requireInfoData(data: string | undefined): string {
  const d = (data ?? '').trim();
  if (d === '') throw invalid('data: is required');
  return d;
}

/** What `PUT contact/{contactid}/data/{id}` may send; absent members keep their stored value. */
export interface ContactInfoChange {
  infoType?: number;
  data: string;
  isPrimary?: boolean;
  category?: string;
}

/**
 * The stored values of an information after `PUT contact/{contactid}/data/{id}`, with the rules of
 * `POST data` (spec §6.3). The original applies `category` only together with `infoType`; here a
 * category alone applies to the current type (a superset), and a kept category must fit the type.
 */
export function computeContactInfoUpdate(current: ContactInfo, change: ContactInfoChange): Omit<ContactInfo, 'id'> {
  const infoType = change.infoType ?? current.infoType;
  validateInfoType(infoType);
  const given = (change.category ?? '').trim();
  const category = given !== '' ? parseCategory(infoType, given) : current.category;
  if (given === '' && formatCategoryName(infoType, category) === '')
    throw invalid(`category: the current category ${category} is not a category of information type ${infoType}; send a category`);
  const isPrimary = change.isPrimary ?? current.isPrimary;
  const data = infoType === INFO_TYPE_ADDRESS ? formatAddressData({ ...parseAddressInput(change.data), category, isPrimary }) : change.data;
  return { contactId: current.contactId, infoType, category, data, isPrimary };
}
