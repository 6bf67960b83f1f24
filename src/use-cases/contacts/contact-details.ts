// Everything the full Person/Company form shows (spec §2.3.13), loaded for one reader.
import { canDeleteContact, canReadContact, type Contact, type ContactInfo } from '../../domain/contacts/contact.js';
import type { Actor, User } from '../../domain/people/user.js';
import { countReadablePersons, findContact, isContactReferencedByInvoice, listContactInfos } from '../../store/contacts.store.js';
import type { Executor } from '../../store/database.js';
import { loadUsers } from '../people/load-users.js';

export interface ContactDetails {
  contact: Contact;
  /** A person's company, when there is one and the reader may see it (DECISIONS: never leak). */
  company?: Contact;
  /** A company's persons the reader may see. */
  personsCount: number;
  canDelete: boolean;
  /** Newest first. */
  infos: ContactInfo[];
  /** The users the contact references (creator, access lists). */
  users: Map<string, User>;
}

/** Loads the details of a contact the caller has already checked the reader may see. */
export async function loadContactDetails(db: Executor, actor: Actor, contact: Contact): Promise<ContactDetails> {
  const [infos, referenced, companyRow, personsCount] = await Promise.all([
    listContactInfos(db, actor.tenantId, contact.id),
    isContactReferencedByInvoice(db, actor.tenantId, contact.id),
    !contact.isCompany && contact.companyId > 0 ? findContact(db, actor.tenantId, contact.companyId) : undefined,
    contact.isCompany ? countReadablePersons(db, actor, contact.id) : 0,
  ]);
  const company = companyRow && canReadContact(actor, companyRow) ? companyRow : undefined;
  const users = await loadUsers(db, actor.tenantId, [contact.createdBy, ...contact.accessList, ...(company?.accessList ?? [])]);
  return { contact, company, personsCount, canDelete: canDeleteContact(actor, contact, referenced), infos, users };
}
