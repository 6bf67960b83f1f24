// Everything the full Person/Company form shows (spec §2.3.13), loaded for one reader. A page of
// contacts costs a fixed number of statements, whatever its size (no N+1).
import { canDeleteContact, canReadContact, type Contact, type ContactInfo } from '../../domain/contacts/contact.js';
import type { Actor, User } from '../../domain/people/user.js';
import { countReadablePersonsOf, findContactIdsReferencedByInvoices, findContacts, listContactInfosOf } from '../../store/contacts.store.js';
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
  /** The users the contacts reference (creator, access lists); shared by a page. */
  users: Map<string, User>;
}

/** Loads the details of contacts the caller has already checked the reader may see, in their order. */
export async function loadContactDetailsList(db: Executor, actor: Actor, contacts: readonly Contact[]): Promise<ContactDetails[]> {
  if (contacts.length === 0) return [];
  const ids = contacts.map((c) => c.id);
  const companyIds = contacts.filter((c) => !c.isCompany && c.companyId > 0).map((c) => c.companyId);
  const [infos, referenced, companies, personsCounts] = await Promise.all([
    listContactInfosOf(db, actor.tenantId, ids),
    findContactIdsReferencedByInvoices(db, actor.tenantId, ids),
    findContacts(db, actor.tenantId, companyIds),
    countReadablePersonsOf(db, actor, contacts.filter((c) => c.isCompany).map((c) => c.id)),
  ]);
  const companyOf = (c: Contact) => {
    const company = c.isCompany ? undefined : companies.get(c.companyId);
    return company && canReadContact(actor, company) ? company : undefined;
  };
  const users = await loadUsers(
    db,
    actor.tenantId,
    contacts.flatMap((c) => [c.createdBy, ...c.accessList, ...(companyOf(c)?.accessList ?? [])]),
  );
  return contacts.map((contact) => ({
    contact,
    company: companyOf(contact),
    personsCount: personsCounts.get(contact.id) ?? 0,
    canDelete: canDeleteContact(actor, contact, referenced.has(contact.id)),
    infos: infos.get(contact.id) ?? [],
    users,
  }));
}

/** Loads the details of a contact the caller has already checked the reader may see. */
export async function loadContactDetails(db: Executor, actor: Actor, contact: Contact): Promise<ContactDetails> {
  return (await loadContactDetailsList(db, actor, [contact]))[0]!;
}
