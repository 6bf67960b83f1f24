// Contacts (persons and companies) and their access rule (spec §2.1 ShareType, §3.5).
import type { Actor } from '../people/user.js';

export type ShareType = 0 | 1 | 2; // 0 private (admins and the access list), 1 read-write, 2 read

export interface Contact {
  id: number;
  tenantId: number;
  isCompany: boolean;
  firstName: string;
  lastName: string;
  companyName: string;
  title: string;
  about: string;
  industry: string;
  companyId: number;
  shareType: ShareType;
  currency: string | null;
  createdBy: string;
  createdAt: Date;
  /** Users on the contact's access list ("managers"). */
  accessList: string[];
}

/** Company name, or "{firstName} {lastName}" with a single space (spec §2.3.4). */
export const contactDisplayName = (c: Pick<Contact, 'isCompany' | 'companyName' | 'firstName' | 'lastName'>): string =>
  c.isCompany ? c.companyName : `${c.firstName} ${c.lastName}`;

// spec §3.5. The SQL twin of canReadContact is store/contacts.store.ts `whereContactReadable`.
export const canReadContact = (actor: Actor, c: Pick<Contact, 'shareType' | 'accessList'>): boolean =>
  actor.isAdmin || c.shareType === 1 || c.shareType === 2 || c.accessList.includes(actor.userId);

export const canEditContact = (actor: Actor, c: Pick<Contact, 'shareType' | 'accessList'>): boolean =>
  actor.isAdmin || c.shareType === 1 || c.accessList.includes(actor.userId);

// spec §2.3.13 and §3.9: the full contact form's canDelete = may edit and no invoice references it
// (as contact or consignee). The quick form always says false (quirk Q28).
export const canDeleteContact = (actor: Actor, c: Pick<Contact, 'shareType' | 'accessList'>, isReferencedByInvoice: boolean): boolean =>
  canEditContact(actor, c) && !isReferencedByInvoice;

/** ShareType member names (spec §2.1). */
export const SHARE_TYPE_NAMES = { None: 0, ReadWrite: 1, Read: 2 } as const satisfies Record<string, ShareType>;

// Contact information (spec §2.1 ContactInfoType, AddressCategory; §6.3).
export const INFO_TYPE_ADDRESS = 7;
export const ADDRESS_CATEGORY = { home: 0, postal: 1, office: 2, billing: 3, other: 4, work: 5 } as const;

export interface ContactInfo {
  id: number;
  contactId: number;
  infoType: number;
  category: number;
  /** For addresses, a JSON object string {street, city, state, zip, country, …}. */
  data: string;
  isPrimary: boolean;
}

export interface AddressParts {
  street: string;
  city: string;
  state: string;
  zip: string;
  country: string;
}

/** The address parts of an address info, tolerant of missing members; undefined if `data` is not JSON. */
export function parseAddressData(data: string): AddressParts | undefined {
  try {
    const o = JSON.parse(data) as Record<string, unknown>;
    const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
    return { street: s('street'), city: s('city'), state: s('state'), zip: s('zip'), country: s('country') };
  } catch {
    return undefined;
  }
}
