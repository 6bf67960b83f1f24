// GET contact/{contactid}/data (spec §6.3): all information of a readable contact, newest first.
import type { ContactInfo } from '../../domain/contacts/contact.js';
import type { Actor } from '../../domain/people/user.js';
import { listContactInfos } from '../../store/contacts.store.js';
import type { Deps } from '../deps.js';
import { findReadableContact } from './get-contact.js';

export async function listContactData(deps: Deps, actor: Actor, contactId: number): Promise<ContactInfo[]> {
  const contact = await findReadableContact(deps.store.db, actor, contactId);
  return listContactInfos(deps.store.db, actor.tenantId, contact.id);
}
