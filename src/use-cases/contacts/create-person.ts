// POST contact/person (spec §6.1).
import { canReadContact } from '../../domain/contacts/contact.js';
import { validateNewPerson, type NewPersonContact, type PersonInput } from '../../domain/contacts/validate-contact.js';
import { invalid, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { findContact, insertContact, insertContactAccess, lockContactsShared } from '../../store/contacts.store.js';
import type { Dialect, Executor } from '../../store/database.js';
import { auditContext } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { assertManagersExist } from './access-list.js';
import { auditContact } from './contact-audit.js';
import { loadContactDetails, type ContactDetails } from './contact-details.js';

/**
 * spec §6.1: a company that is missing or that the caller may not read is a 404; a person is not a
 * company (400). `keep` is the person's current company on update: kept even when the caller may
 * not read it (they cannot know its id, and the link is not theirs to break by omission).
 * The company is key-share locked, so a concurrent delete cannot slip under the link.
 */
export async function checkPersonCompany(db: Executor, dialect: Dialect, actor: Actor, p: NewPersonContact, keep = 0): Promise<void> {
  if (p.companyId <= 0 || p.companyId === keep) return;
  const company = (await lockContactsShared(db, dialect, actor.tenantId, [p.companyId])).get(p.companyId);
  if (!company || !canReadContact(actor, company)) throw notFound(`Company ${p.companyId} not found`);
  if (!company.isCompany) throw invalid(`companyId: contact ${p.companyId} is a person, not a company`);
}

/** The contact columns of a validated person. */
export const personRow = (p: NewPersonContact) => ({
  isCompany: false, firstName: p.firstName, lastName: p.lastName, companyName: '', title: p.title, about: p.about, companyId: p.companyId, shareType: p.shareType,
});

export async function createPersonContact(deps: Deps, actor: Actor, input: PersonInput): Promise<ContactDetails> {
  const p = validateNewPerson(input);
  const now = deps.clock.now();
  const id = await deps.store.transaction(async (trx) => {
    await checkPersonCompany(trx, deps.store.dialect, actor, p);
    await assertManagersExist(trx, actor.tenantId, p.managers);
    const row = personRow(p);
    const id = await insertContact(trx, actor.tenantId, row, actor.userId, now);
    await insertContactAccess(trx, actor.tenantId, id, p.managers);
    await auditContact(auditContext(deps, trx, actor, now), 'created', id, undefined, { ...row, accessList: p.managers });
    return id;
  });
  // The answer shows the contact as stored, even when its creator may not read it afterwards (quirk Q39).
  return loadContactDetails(deps.store.db, actor, (await findContact(deps.store.db, actor.tenantId, id))!);
}
