// POST opportunity (spec §6.4): validated completely, then written in one transaction with its audit record.
import { diffFields } from '../../domain/audit/audit.js';
import { computeAccessList, computeMemberIds, validateNewOpportunity, type NewOpportunityInput } from '../../domain/opportunities/new-opportunity.js';
import { opportunityAuditView } from '../../domain/opportunities/opportunity-audit.js';
import type { Actor } from '../../domain/people/user.js';
import { findContacts } from '../../store/contacts.store.js';
import { findOpportunity, insertOpportunity } from '../../store/opportunities.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { checkOpportunityReferences, readableIds } from './opportunity-checks.js';
import { loadOpportunityView, type OpportunityView } from './opportunity-view.js';

export async function createOpportunity(deps: Deps, actor: Actor, input: NewOpportunityInput): Promise<OpportunityView> {
  const o = validateNewOpportunity(input);
  const tenantId = actor.tenantId;
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const contacts = await findContacts(trx, tenantId, [o.contactId, ...o.members]);
    await checkOpportunityReferences(deps, trx, actor, o, contacts);
    // spec §6.4: members the creator may not read (or that do not exist) are dropped, not refused.
    const stored = {
      ...o,
      members: computeMemberIds(o.contactId, readableIds(actor, contacts, o.members)),
      accessList: computeAccessList(o.isPrivate, o.accessList, actor.userId),
    };
    const id = await insertOpportunity(trx, tenantId, stored, actor.userId, now);
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'opportunity.created', targetType: 'opportunity', targetIds: [id], changes: diffFields(undefined, opportunityAuditView(stored)),
    });
    // DECISIONS Q4/Q5 spirit: answer with what was stored, re-read.
    return loadOpportunityView(trx, actor, (await findOpportunity(trx, tenantId, id))!);
  });
}
