// The rights check of contact writes (spec §3.5): a contact the caller may not read does not
// exist for them (404, as GET contact/{id}); one they may read but not edit is a 403.
import { canEditContact, canReadContact, type Contact } from '../../domain/contacts/contact.js';
import { accessDenied, invalid } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { lockContacts } from '../../store/contacts.store.js';
import type { Dialect, Executor } from '../../store/database.js';
import { contactNotFound } from './get-contact.js';

/** The contact, locked for the rest of the transaction, if the actor may edit it. */
export async function lockEditableContact(db: Executor, dialect: Dialect, actor: Actor, id: number, param: string, mode: 'update' | 'delete'): Promise<Contact> {
  if (id <= 0) throw invalid(`${param}: must be a positive contact id (got ${id})`);
  const contact = (await lockContacts(db, dialect, actor.tenantId, [id], mode)).get(id);
  if (!contact || !canReadContact(actor, contact)) throw contactNotFound(id);
  if (!canEditContact(actor, contact)) throw accessDenied(`Access Denied: you may read but not edit contact ${id}`);
  return contact;
}
