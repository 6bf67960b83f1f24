// Contacts on the wire (spec §2.3.4 ContactBase, §2.3.12–2.3.13).
import { canEditContact, contactDisplayName, INFO_TYPE_ADDRESS, parseAddressData, type Contact, type ContactInfo } from '../../domain/contacts/contact.js';
import { formatCategoryName } from '../../domain/contacts/contact-info.js';
import { findCurrency } from '../../domain/currencies/catalogue.js';
import type { ContactDetails } from '../../use-cases/contacts/contact-details.js';
import { apiDate, employee, presentCurrency, type PresentContext } from './common.js';

const photoUrl = (c: Contact, size: 1 | 2) =>
  `/Products/CRM/HttpHandlers/filehandler.ashx?action=contactphotoulr&cid=${c.id}&isc=${c.isCompany ? 'True' : 'False'}&ps=${size}`;

/**
 * The quick contact form embedded in invoices and opportunities (spec §2.3.4). The caller has
 * checked that the reader may see the contact; `canDelete` is always false here (quirk Q28).
 */
export function presentContactBase(ctx: PresentContext, c: Contact) {
  const currency = c.currency ? findCurrency(c.currency) : undefined;
  return {
    id: c.id,
    smallFotoUrl: photoUrl(c, 1),
    mediumFotoUrl: photoUrl(c, 2),
    displayName: contactDisplayName(c),
    isCompany: c.isCompany,
    ...(c.shareType === 0 ? { accessList: c.accessList.map((id) => employee(ctx, id)) } : {}),
    isPrivate: c.shareType === 0,
    isShared: c.shareType === 1 || c.shareType === 2,
    shareType: c.shareType,
    currency: currency ? presentCurrency(currency) : null,
    canEdit: canEditContact(ctx.actor, c),
    canDelete: false,
  };
}

/** ContactInfo (spec §2.3.12); for addresses `data` is the stored JSON object text. */
export const presentContactInfo = (i: ContactInfo) => ({
  id: i.id,
  infoType: i.infoType,
  category: i.category,
  data: i.data,
  categoryName: formatCategoryName(i.infoType, i.category),
  isPrimary: i.isPrimary,
});

/** Address of the full contact form (spec §2.3.12): category 0 and isPrimary false are omitted. */
export function presentAddress(i: ContactInfo) {
  const parts = parseAddressData(i.data) ?? { street: '', city: '', state: '', zip: '', country: '' };
  return {
    ...parts,
    ...(i.category ? { category: i.category } : {}),
    categoryName: formatCategoryName(INFO_TYPE_ADDRESS, i.category),
    ...(i.isPrimary ? { isPrimary: true } : {}),
  };
}

/** The full Person or Company (spec §2.3.13), as contact create and GET contact/{id} answer it. */
export function presentContact(ctx: PresentContext, d: ContactDetails) {
  const c = d.contact;
  const base = { ...presentContactBase(ctx, c), canDelete: d.canDelete };
  const full = {
    createBy: employee(ctx, c.createdBy),
    created: apiDate(ctx, c.createdAt),
    about: c.about,
    industry: c.industry,
    commonData: d.infos.filter((i) => i.infoType !== INFO_TYPE_ADDRESS).map(presentContactInfo),
    addresses: d.infos.filter((i) => i.infoType === INFO_TYPE_ADDRESS).map(presentAddress),
    customFields: [] as unknown[],
    haveLateTasks: false,
  };
  if (c.isCompany) {
    return { companyName: c.companyName, ...(d.personsCount ? { personsCount: d.personsCount } : {}), ...full, ...base };
  }
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    title: c.title,
    ...(d.company ? { company: presentContactBase(ctx, d.company) } : {}),
    ...full,
    ...base,
  };
}
