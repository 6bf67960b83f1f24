// POST contact/person (spec §6.1).
import { canReadContact } from '../../domain/contacts/contact.js';
import { validateNewPerson, type PersonInput } from '../../domain/contacts/validate-contact.js';
import { invalid, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { findContact, insertContact, insertContactAccess } from '../../store/contacts.store.js';
import type { Deps } from '../deps.js';
import { assertManagersExist } from './access-list.js';
import { loadContactDetails, type ContactDetails } from './contact-details.js';

export async function createPersonContact(deps: Deps, actor: Actor, input: PersonInput): Promise<ContactDetails> {
  const p = validateNewPerson(input);
  const now = deps.clock.now();
  const id = await deps.store.db.transaction().execute(async (trx) => {
    if (p.companyId > 0) {
      // spec §6.1: a company that is missing or that the caller may not read is a 404.
      const company = await findContact(trx, actor.tenantId, p.companyId);
      if (!company || !canReadContact(actor, company)) throw notFound(`Company ${p.companyId} not found`);
      if (!company.isCompany) throw invalid(`companyId: contact ${p.companyId} is a person, not a company`);
    }
    await assertManagersExist(trx, actor.tenantId, p.managers);
    const id = await insertContact(
      trx, actor.tenantId,
      { isCompany: false, firstName: p.firstName, lastName: p.lastName, companyName: '', title: p.title, about: p.about, companyId: p.companyId, shareType: p.shareType },
      actor.userId, now,
    );
    await insertContactAccess(trx, actor.tenantId, id, p.managers);
    return id;
  });
  // The answer shows the contact as stored, even when its creator may not read it afterwards (quirk Q39).
  return loadContactDetails(deps.store.db, actor, (await findContact(deps.store.db, actor.tenantId, id))!);
}
