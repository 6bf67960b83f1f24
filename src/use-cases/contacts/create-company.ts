// POST contact/company (spec §6.2).
import { canReadContact } from '../../domain/contacts/contact.js';
import { validateNewCompany, type CompanyInput } from '../../domain/contacts/validate-contact.js';
import type { Actor } from '../../domain/people/user.js';
import { findContact, findContacts, insertContact, insertContactAccess, updatePersonsCompany } from '../../store/contacts.store.js';
import type { Deps } from '../deps.js';
import { assertManagersExist } from './access-list.js';
import { loadContactDetails, type ContactDetails } from './contact-details.js';

export async function createCompanyContact(deps: Deps, actor: Actor, input: CompanyInput): Promise<ContactDetails> {
  const c = validateNewCompany(input);
  const now = deps.clock.now();
  const id = await deps.store.db.transaction().execute(async (trx) => {
    await assertManagersExist(trx, actor.tenantId, c.managers);
    // spec §6.2: existing persons the caller may read are linked; others are skipped.
    const candidates = await findContacts(trx, actor.tenantId, c.personIds);
    const persons = [...candidates.values()].filter((p) => !p.isCompany && canReadContact(actor, p)).map((p) => p.id);
    const id = await insertContact(
      trx, actor.tenantId,
      { isCompany: true, firstName: '', lastName: '', companyName: c.companyName, title: '', about: c.about, companyId: 0, shareType: c.shareType },
      actor.userId, now,
    );
    await insertContactAccess(trx, actor.tenantId, id, c.managers);
    await updatePersonsCompany(trx, actor.tenantId, persons, id, actor.userId, now);
    return id;
  });
  return loadContactDetails(deps.store.db, actor, (await findContact(deps.store.db, actor.tenantId, id))!);
}
