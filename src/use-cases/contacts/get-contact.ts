// GET contact/{id} (spec §6.2): a contact the caller may read, else 404 (never leak its existence).
import { canReadContact, type Contact } from '../../domain/contacts/contact.js';
import { invalid, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { findContact } from '../../store/contacts.store.js';
import type { Executor } from '../../store/database.js';
import type { Deps } from '../deps.js';
import { loadContactDetails, type ContactDetails } from './contact-details.js';

export const contactNotFound = (id: number) => notFound(`Contact ${id} not found`);

/** The contact if it exists and the actor may read it; otherwise a 404 that does not tell which. */
export async function findReadableContact(db: Executor, actor: Actor, id: number, param = 'contactid'): Promise<Contact> {
  if (id <= 0) throw invalid(`${param}: must be a positive contact id (got ${id})`);
  const contact = await findContact(db, actor.tenantId, id);
  if (!contact || !canReadContact(actor, contact)) throw contactNotFound(id);
  return contact;
}

export async function getContact(deps: Deps, actor: Actor, id: number): Promise<ContactDetails> {
  const db = deps.store.db;
  return loadContactDetails(db, actor, await findReadableContact(db, actor, id, 'id'));
}
