// The member contacts of an opportunity: GET, POST and DELETE opportunity/{id}/contact[/{contactid}].
// The opportunity must be accessible and the contact readable, else 404 (as the original's
// ItemNotFound); answers never include a contact the reader may not read.
import { diffFields } from '../../domain/audit/audit.js';
import { canReadContact, type Contact } from '../../domain/contacts/contact.js';
import { notFound } from '../../domain/errors.js';
import { opportunityAuditView } from '../../domain/opportunities/opportunity-audit.js';
import { computeMembersWith, computeMembersWithout } from '../../domain/opportunities/opportunity-changes.js';
import { canAccessOpportunity, opportunityNotFoundMessage, type Opportunity } from '../../domain/opportunities/opportunity.js';
import type { Actor, User } from '../../domain/people/user.js';
import { findContact, findContacts } from '../../store/contacts.store.js';
import type { Executor } from '../../store/database.js';
import { findOpportunity, replaceOpportunityMembers, updateOpportunity } from '../../store/opportunities.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { loadUsers } from '../people/load-users.js';
import { lockAccessibleOpportunity } from './opportunity-checks.js';

export interface MemberContacts {
  contacts: Contact[];
  /** Users of the private contacts' access lists. */
  users: ReadonlyMap<string, User>;
}

const usersOf = (db: Executor, tenantId: number, contacts: readonly Contact[]) =>
  loadUsers(db, tenantId, contacts.flatMap((c) => (c.shareType === 0 ? c.accessList : [])));

/** The members the reader may read, by id. */
export async function listOpportunityMembers(deps: Deps, actor: Actor, id: number): Promise<MemberContacts> {
  const db = deps.store.db;
  const o = await findOpportunity(db, actor.tenantId, id);
  if (!o || !canAccessOpportunity(actor, o)) throw notFound(opportunityNotFoundMessage(id));
  const contacts = [...(await findContacts(db, actor.tenantId, o.members)).values()]
    .filter((c) => canReadContact(actor, c))
    .sort((a, b) => a.id - b.id);
  return { contacts, users: await usersOf(db, actor.tenantId, contacts) };
}

export const addOpportunityMember = (deps: Deps, actor: Actor, id: number, contactId: number) =>
  changeMember(deps, actor, id, contactId, 'opportunity.member-added', (o) => ({ contactId: o.contactId, members: computeMembersWith(o, contactId) }));

export const removeOpportunityMember = (deps: Deps, actor: Actor, id: number, contactId: number) =>
  changeMember(deps, actor, id, contactId, 'opportunity.member-removed', (o) => computeMembersWithout(o, contactId));

/** Adding a member twice, or removing one that is not, changes nothing and answers the contact all the same. */
async function changeMember(
  deps: Deps, actor: Actor, id: number, contactId: number, action: string,
  change: (o: Opportunity) => { contactId: number; members: number[] },
): Promise<{ contact: Contact; users: ReadonlyMap<string, User> }> {
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const o = await lockAccessibleOpportunity(deps, trx, actor, id);
    const contact = await findContact(trx, actor.tenantId, contactId);
    if (!contact || !canReadContact(actor, contact)) throw notFound(`Contact ${contactId} is not found`);
    const after = { ...o, ...change(o) };
    const changes = diffFields(opportunityAuditView(o), opportunityAuditView(after));
    if (Object.keys(changes).length > 0) {
      if (after.contactId !== o.contactId) await updateOpportunity(trx, actor.tenantId, o.id, after, actor.userId, now);
      await replaceOpportunityMembers(trx, actor.tenantId, o.id, after.members);
      await recordAudit(auditContext(deps, trx, actor, now), { action, targetType: 'opportunity', targetIds: [o.id], changes });
    }
    return { contact, users: await usersOf(trx, actor.tenantId, [contact]) };
  });
}
