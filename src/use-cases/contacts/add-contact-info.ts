// POST contact/{contactid}/data, …/addressdata and the flat …/address alias (spec §6.3).
import { canEditContact, canReadContact, INFO_TYPE_ADDRESS, type ContactInfo } from '../../domain/contacts/contact.js';
import {
  addressFromFlatParams, formatAddressData, INFO_TYPE_TWITTER, parseAddressInput, parseCategory, requireInfoData, validateAddressCategory, validateInfoType, type AddressInput, type FlatAddressParams,
} from '../../domain/contacts/contact-info.js';
import { invalid } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { findContactInfo, insertContactInfo, lockContactsShared, type ContactInfoValues } from '../../store/contacts.store.js';
import { auditContext } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { auditContactInfo } from './contact-audit.js';
import { contactNotFound } from './get-contact.js';

export interface ContactDataInput {
  infoType: number;
  data?: string;
  category?: string;
  isPrimary: boolean;
}

export const positiveContactId = (id: number) => {
  if (id <= 0) throw invalid(`contactid: must be a positive contact id (got ${id})`);
};

/** Inserts after checking the contact in the same transaction; `prepare` runs the rules that follow the rights check. */
async function insertInfo(
  deps: Deps, actor: Actor, contactId: number, needsEditRight: boolean, prepare: () => ContactInfoValues,
): Promise<ContactInfo> {
  const now = deps.clock.now();
  const id = await deps.store.transaction(async (trx) => {
    // Key-share locked: a concurrent delete of the contact waits, or wins and this answers 404.
    const contact = (await lockContactsShared(trx, deps.store.dialect, actor.tenantId, [contactId])).get(contactId);
    // spec §6.3: a contact that is missing or not editable is a 404 (never leak which).
    if (!contact || !(needsEditRight ? canEditContact(actor, contact) : canReadContact(actor, contact))) throw contactNotFound(contactId);
    const values = prepare();
    const id = await insertContactInfo(trx, actor.tenantId, values, actor.userId, now);
    await auditContactInfo(auditContext(deps, trx, actor, now), 'created', id, undefined, values);
    return id;
  });
  return (await findContactInfo(deps.store.db, actor.tenantId, id))!;
}

/** POST contact/{contactid}/data, in the rule order of spec §6.3. */
export async function addContactData(deps: Deps, actor: Actor, contactId: number, input: ContactDataInput): Promise<ContactInfo> {
  validateInfoType(input.infoType);
  const data = requireInfoData(input.data);
  positiveContactId(contactId);
  // spec §6.3: a Twitter account only needs the read right (kept as the original does).
  return insertInfo(deps, actor, contactId, input.infoType !== INFO_TYPE_TWITTER, () => {
    const category = parseCategory(input.infoType, input.category);
    if (input.infoType !== INFO_TYPE_ADDRESS) return { contactId, infoType: input.infoType, category, data, isPrimary: input.isPrimary };
    // Stored in the same form as addressdata, so every reader finds the same keys.
    const address: AddressInput = { ...parseAddressInput(data), category, isPrimary: input.isPrimary };
    return { contactId, infoType: INFO_TYPE_ADDRESS, category, data: formatAddressData(address), isPrimary: input.isPrimary };
  });
}

/** POST contact/{contactid}/addressdata (spec §6.3). */
export async function addContactAddress(
  deps: Deps, actor: Actor, contactId: number, address: AddressInput | undefined,
  wording = { missing: 'address: is required (an object with street, city, state, zip, country, category, isPrimary)', category: 'address.category' },
): Promise<ContactInfo> {
  positiveContactId(contactId);
  return insertInfo(deps, actor, contactId, true, () => {
    if (!address) throw invalid(wording.missing);
    validateAddressCategory(address.category, wording.category);
    return { contactId, infoType: INFO_TYPE_ADDRESS, category: address.category, data: formatAddressData(address), isPrimary: address.isPrimary };
  });
}

/** POST contact/{contactid}/address: the addressdata rules with flat parameters (street, city, …). */
export async function addContactAddressFromParams(deps: Deps, actor: Actor, contactId: number, params: FlatAddressParams): Promise<ContactInfo> {
  return addContactAddress(deps, actor, contactId, addressFromFlatParams(params), {
    missing: 'street, city, state, zip, country: at least one is required',
    category: 'category',
  });
}
