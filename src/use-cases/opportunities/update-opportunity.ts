// PUT opportunity/{id}: a full replacement with the parameters of create (spec §6.4), in one
// transaction. Contacts the editor may not read stay as they are (domain/opportunities/opportunity-changes.ts).
import { diffFields } from '../../domain/audit/audit.js';
import { computeAccessList, validateNewOpportunity, type NewOpportunityInput } from '../../domain/opportunities/new-opportunity.js';
import { opportunityAuditView } from '../../domain/opportunities/opportunity-audit.js';
import { computeUpdatedContactId, computeUpdatedMembers } from '../../domain/opportunities/opportunity-changes.js';
import type { Opportunity } from '../../domain/opportunities/opportunity.js';
import type { Actor } from '../../domain/people/user.js';
import { findContacts } from '../../store/contacts.store.js';
import { findOpportunity, replaceOpportunity } from '../../store/opportunities.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { checkOpportunityReferences, hiddenIds, lockAccessibleOpportunity, readableIds } from './opportunity-checks.js';
import { loadOpportunityView, type OpportunityView } from './opportunity-view.js';

export async function updateOpportunity(deps: Deps, actor: Actor, id: number, input: NewOpportunityInput): Promise<OpportunityView> {
  const tenantId = actor.tenantId;
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    // Missing or inaccessible first: the same 404 as GET, whatever the parameters.
    const current = await lockAccessibleOpportunity(deps, trx, actor, id);
    const valid = validateNewOpportunity(input);
    const contacts = await findContacts(trx, tenantId, [current.contactId, ...current.members, valid.contactId, ...valid.members]);
    const isCurrentHidden = hiddenIds(actor, contacts, [current.contactId]).length > 0;
    const o = { ...valid, contactId: computeUpdatedContactId(current, isCurrentHidden, valid.contactId) };
    await checkOpportunityReferences(deps, trx, actor, o, contacts, current.contactId);

    const after: Opportunity = {
      ...current,
      ...o,
      members: computeUpdatedMembers(o.contactId, readableIds(actor, contacts, o.members), hiddenIds(actor, contacts, current.members)),
      accessList: computeAccessList(o.isPrivate, o.accessList, actor.userId).sort(),
    };
    const changes = diffFields(opportunityAuditView(current), opportunityAuditView(after));
    // Nothing changed: nothing written, nothing audited.
    if (Object.keys(changes).length > 0) {
      await replaceOpportunity(trx, tenantId, current.id, after, actor.userId, now);
      await recordAudit(auditContext(deps, trx, actor, now), { action: 'opportunity.updated', targetType: 'opportunity', targetIds: [current.id], changes });
    }
    return loadOpportunityView(trx, actor, (await findOpportunity(trx, tenantId, current.id))!);
  });
}
