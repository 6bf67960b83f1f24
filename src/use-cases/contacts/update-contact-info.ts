// PUT contact/{contactid}/data/{id}, PUT contact/{contactid}/addressdata/{id} and
// DELETE contact/{contactid}/data/{id} (spec §6.3), with the rules of the POST routes. Addresses
// invoices use may change or go: an invoice's snapshot keeps the text it was built with (§3.9).
import { canEditContact, INFO_TYPE_ADDRESS, type ContactInfo } from '../../domain/contacts/contact.js';
import {
  computeContactInfoUpdate, formatAddressData, requireInfoData, validateAddressCategory, type AddressInput, type ContactInfoChange,
} from '../../domain/contacts/contact-info.js';
import { invalid, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { deleteContactInfo, findContactInfo, lockContacts, updateContactInfo } from '../../store/contacts.store.js';
import type { Executor } from '../../store/database.js';
import { auditContext } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { positiveContactId } from './add-contact-info.js';
import { auditContactInfo } from './contact-audit.js';
import { contactNotFound } from './get-contact.js';

const infoNotFound = (id: number) => notFound(`Contact information ${id} not found`);

const positiveInfoId = (id: number) => {
  if (id <= 0) throw invalid(`id: must be a positive contact information id (got ${id})`);
};

/** The contact (locked) must exist and be editable (else 404, spec §6.3), and own the information (else 404). */
async function lockEditableInfo(deps: Deps, trx: Executor, actor: Actor, contactId: number, id: number): Promise<ContactInfo> {
  const contact = (await lockContacts(trx, deps.store.dialect, actor.tenantId, [contactId], 'update')).get(contactId);
  if (!contact || !canEditContact(actor, contact)) throw contactNotFound(contactId);
  // The original moves another contact's information to this one; here it is simply not found.
  const info = await findContactInfo(trx, actor.tenantId, id);
  if (!info || info.contactId !== contactId) throw infoNotFound(id);
  return info;
}

/** Writes the new values and their audit record; answers the information as stored. */
async function saveInfo(deps: Deps, trx: Executor, actor: Actor, before: ContactInfo, after: Omit<ContactInfo, 'id'>): Promise<ContactInfo> {
  const now = deps.clock.now();
  await updateContactInfo(trx, actor.tenantId, before.id, after);
  await auditContactInfo(auditContext(deps, trx, actor, now), 'updated', before.id, before, after);
  return { id: before.id, ...after };
}

/** PUT contact/{contactid}/data/{id}: absent infoType, category and isPrimary keep their values. */
export async function updateContactData(deps: Deps, actor: Actor, contactId: number, id: number, input: Omit<ContactInfoChange, 'data'> & { data?: string }): Promise<ContactInfo> {
  // 1. data, ids (400); 2. contact missing or not editable (404); 3. type, category, address data (400).
  const data = requireInfoData(input.data);
  positiveInfoId(id);
  positiveContactId(contactId);
  return deps.store.transaction(async (trx) => {
    const before = await lockEditableInfo(deps, trx, actor, contactId, id);
    return saveInfo(deps, trx, actor, before, computeContactInfoUpdate(before, { ...input, data }));
  });
}

/** PUT contact/{contactid}/addressdata/{id}: the address is replaced as a whole, in the original's order of checks. */
export async function updateContactAddress(deps: Deps, actor: Actor, contactId: number, id: number, address: AddressInput | undefined): Promise<ContactInfo> {
  positiveInfoId(id);
  positiveContactId(contactId);
  return deps.store.transaction(async (trx) => {
    const before = await lockEditableInfo(deps, trx, actor, contactId, id);
    if (before.infoType !== INFO_TYPE_ADDRESS) throw infoNotFound(id);
    if (!address) throw invalid('address: is required (an object with street, city, state, zip, country, category, isPrimary)');
    validateAddressCategory(address.category);
    return saveInfo(deps, trx, actor, before, {
      contactId, infoType: INFO_TYPE_ADDRESS, category: address.category, data: formatAddressData(address), isPrimary: address.isPrimary,
    });
  });
}

/** DELETE contact/{contactid}/data/{id}: always allowed, even for an address invoices use (spec §3.9). Answers the deleted information. */
export async function deleteContactData(deps: Deps, actor: Actor, contactId: number, id: number): Promise<ContactInfo> {
  positiveInfoId(id);
  positiveContactId(contactId);
  return deps.store.transaction(async (trx) => {
    const info = await lockEditableInfo(deps, trx, actor, contactId, id);
    await deleteContactInfo(trx, actor.tenantId, id);
    await auditContactInfo(auditContext(deps, trx, actor, deps.clock.now()), 'deleted', id, info, undefined);
    return info;
  });
}
