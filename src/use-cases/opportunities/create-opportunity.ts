// POST opportunity (spec §6.4): validated completely, then written in one transaction.
import { canReadContact } from '../../domain/contacts/contact.js';
import { accessDenied, invalid } from '../../domain/errors.js';
import {
  computeAccessList,
  computeMemberIds,
  STAGE_NOT_FOUND_MESSAGE,
  validateNewOpportunity,
  type NewOpportunityInput,
} from '../../domain/opportunities/new-opportunity.js';
import type { Actor } from '../../domain/people/user.js';
import { findContacts } from '../../store/contacts.store.js';
import { findOpportunity, findStage, insertOpportunity } from '../../store/opportunities.store.js';
import type { Deps } from '../deps.js';
import { loadUsers } from '../people/load-users.js';
import { loadOpportunityView, type OpportunityView } from './opportunity-view.js';

export async function createOpportunity(deps: Deps, actor: Actor, input: NewOpportunityInput): Promise<OpportunityView> {
  const o = validateNewOpportunity(input);
  const tenantId = actor.tenantId;
  const id = await deps.store.db.transaction().execute(async (trx) => {
    if (!(await findStage(trx, tenantId, o.stageId))) throw invalid(STAGE_NOT_FOUND_MESSAGE);

    const users = await loadUsers(trx, tenantId, [o.responsibleId, ...o.accessList]);
    if (!users.has(o.responsibleId)) throw invalid(`responsibleid: ${o.responsibleId} is not a user of this portal`);
    const stranger = o.accessList.find((u) => !users.has(u));
    if (stranger) throw invalid(`accessList: ${stranger} is not a user of this portal`);

    const contacts = await findContacts(trx, tenantId, [o.contactId, ...o.members]);
    if (o.contactId !== 0) {
      const contact = contacts.get(o.contactId);
      if (!contact) throw invalid(`contactid: the contact ${o.contactId} is not found`);
      if (!canReadContact(actor, contact)) throw accessDenied(`Access Denied: you may not read the contact ${o.contactId}`);
    }
    // spec §6.4: members the creator may not read (or that do not exist) are dropped, not refused.
    const readableMembers = o.members.filter((m) => {
      const c = contacts.get(m);
      return c !== undefined && canReadContact(actor, c);
    });

    return insertOpportunity(
      trx,
      tenantId,
      { ...o, members: computeMemberIds(o.contactId, readableMembers), accessList: computeAccessList(o.isPrivate, o.accessList, actor.userId) },
      actor.userId,
      deps.clock.now(),
    );
  });
  // DECISIONS Q4/Q5 spirit: answer with what was stored, re-read after commit.
  return loadOpportunityView(deps.store.db, actor, (await findOpportunity(deps.store.db, tenantId, id))!);
}
