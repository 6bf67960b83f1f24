// Contacts on the wire (spec §2.3.4 ContactBase, §2.3.12–2.3.13).
import { canEditContact, contactDisplayName, type Contact } from '../../domain/contacts/contact.js';
import { findCurrency } from '../../domain/currencies/catalogue.js';
import { employee, presentCurrency, type PresentContext } from './common.js';

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
