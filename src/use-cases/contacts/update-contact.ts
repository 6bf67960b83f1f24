// PUT contact/person/{personid} and PUT contact/company/{companyid}: a full replacement, as the
// original's (every member takes the value sent or its create default), with the create rules.
import { validateNewCompany, validateNewPerson, type CompanyInput, type PersonInput } from '../../domain/contacts/validate-contact.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { findContact, replaceContactAccess, updateContact } from '../../store/contacts.store.js';
import { auditContext } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { assertManagersExist } from './access-list.js';
import { auditContact } from './contact-audit.js';
import { loadContactDetails, type ContactDetails } from './contact-details.js';
import { companyRow } from './create-company.js';
import { checkPersonCompany, personRow } from './create-person.js';
import { lockEditableContact } from './editable-contact.js';

export async function updatePersonContact(deps: Deps, actor: Actor, id: number, input: PersonInput): Promise<ContactDetails> {
  const p = validateNewPerson(input);
  const now = deps.clock.now();
  await deps.store.transaction(async (trx) => {
    const before = await lockEditableContact(trx, deps.store.dialect, actor, id, 'personid', 'update');
    if (before.isCompany) throw notFound(`Person ${id} not found: contact ${id} is a company`);
    await checkPersonCompany(trx, deps.store.dialect, actor, p, before.companyId);
    await assertManagersExist(trx, actor.tenantId, p.managers);
    const row = personRow(p);
    await updateContact(trx, actor.tenantId, id, row, actor.userId, now);
    await replaceContactAccess(trx, actor.tenantId, id, p.managers);
    await auditContact(auditContext(deps, trx, actor, now), 'updated', id, before, { ...row, accessList: p.managers });
  });
  return loadContactDetails(deps.store.db, actor, (await findContact(deps.store.db, actor.tenantId, id))!);
}

/** The original's UpdateCompany takes no personList: a company's persons are kept. */
export async function updateCompanyContact(deps: Deps, actor: Actor, id: number, input: Omit<CompanyInput, 'personList'>): Promise<ContactDetails> {
  const c = validateNewCompany({ ...input, personList: [] });
  const now = deps.clock.now();
  await deps.store.transaction(async (trx) => {
    const before = await lockEditableContact(trx, deps.store.dialect, actor, id, 'companyid', 'update');
    if (!before.isCompany) throw notFound(`Company ${id} not found: contact ${id} is a person`);
    await assertManagersExist(trx, actor.tenantId, c.managers);
    const row = companyRow(c);
    await updateContact(trx, actor.tenantId, id, row, actor.userId, now);
    await replaceContactAccess(trx, actor.tenantId, id, c.managers);
    await auditContact(auditContext(deps, trx, actor, now), 'updated', id, before, { ...row, accessList: c.managers });
  });
  return loadContactDetails(deps.store.db, actor, (await findContact(deps.store.db, actor.tenantId, id))!);
}
