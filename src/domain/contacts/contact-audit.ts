// Plain pictures of contacts and their information for the audit trail's before/after.
import type { Contact, ContactInfo } from './contact.js';

type ContactFields = Pick<Contact, 'isCompany' | 'firstName' | 'lastName' | 'companyName' | 'title' | 'about' | 'companyId' | 'shareType' | 'accessList'>;

export const contactAuditView = (c: ContactFields) => ({
  isCompany: c.isCompany,
  firstName: c.firstName,
  lastName: c.lastName,
  companyName: c.companyName,
  title: c.title,
  about: c.about,
  companyId: c.companyId,
  shareType: c.shareType,
  accessList: [...c.accessList].sort(),
});

export const contactInfoAuditView = (i: Omit<ContactInfo, 'id'>) => ({
  contactId: i.contactId,
  infoType: i.infoType,
  category: i.category,
  data: i.data,
  isPrimary: i.isPrimary,
});
