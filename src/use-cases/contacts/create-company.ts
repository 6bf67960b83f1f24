// POST contact/company (spec §6.2).
import { canReadContact } from '../../domain/contacts/contact.js';
import { validateNewCompany, type CompanyInput, type NewCompanyContact } from '../../domain/contacts/validate-contact.js';
import type { Actor } from '../../domain/people/user.js';
import { findContact, insertContact, insertContactAccess, lockContacts, updatePersonsCompany } from '../../store/contacts.store.js';
import { auditContext } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { assertManagersExist } from './access-list.js';
import { auditContact, auditPersonsRelinked } from './contact-audit.js';
import { loadContactDetails, type ContactDetails } from './contact-details.js';

/** The contact columns of a validated company. */
export const companyRow = (c: Pick<NewCompanyContact, 'companyName' | 'about' | 'shareType'>) => ({
  isCompany: true, firstName: '', lastName: '', companyName: c.companyName, title: '', about: c.about, companyId: 0, shareType: c.shareType,
});

export async function createCompanyContact(deps: Deps, actor: Actor, input: CompanyInput): Promise<ContactDetails> {
  const c = validateNewCompany(input);
  const now = deps.clock.now();
  const id = await deps.store.transaction(async (trx) => {
    await assertManagersExist(trx, actor.tenantId, c.managers);
    // spec §6.2: existing persons the caller may read are linked; others are skipped.
    const candidates = await lockContacts(trx, deps.store.dialect, actor.tenantId, c.personIds, 'update');
    const persons = [...candidates.values()].filter((p) => !p.isCompany && canReadContact(actor, p));
    const row = companyRow(c);
    const id = await insertContact(trx, actor.tenantId, row, actor.userId, now);
    await insertContactAccess(trx, actor.tenantId, id, c.managers);
    await updatePersonsCompany(trx, actor.tenantId, persons.map((p) => p.id), id, actor.userId, now);
    const audit = auditContext(deps, trx, actor, now);
    await auditContact(audit, 'created', id, undefined, { ...row, accessList: c.managers });
    await auditPersonsRelinked(audit, persons, id);
    return id;
  });
  return loadContactDetails(deps.store.db, actor, (await findContact(deps.store.db, actor.tenantId, id))!);
}
