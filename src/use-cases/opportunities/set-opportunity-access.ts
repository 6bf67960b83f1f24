// PUT opportunity/access (by ids) and PUT opportunity/filter/access (by the search of
// opportunity/filter): privacy and access list of several opportunities in one transaction.
// Only opportunities the caller may access (admin, public, or on the list) change; the others
// are skipped, as the original does. The answer is every accessible one, as it is afterwards.
import { diffFields } from '../../domain/audit/audit.js';
import { invalid } from '../../domain/errors.js';
import { opportunityAuditView } from '../../domain/opportunities/opportunity-audit.js';
import { computeAccessChange, hasAccessChanged } from '../../domain/opportunities/opportunity-changes.js';
import { parseOpportunityFilter, type OpportunityFilterInput } from '../../domain/opportunities/opportunity-filter.js';
import { canAccessOpportunity } from '../../domain/opportunities/opportunity.js';
import type { Actor } from '../../domain/people/user.js';
import type { Executor } from '../../store/database.js';
import { findOpportunities, listOpportunityIds, lockOpportunities, updateOpportunitiesAccess } from '../../store/opportunities.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { checkAccessList } from './opportunity-checks.js';
import { loadOpportunityViews, type OpportunityViews } from './opportunity-view.js';

export interface AccessInput {
  isPrivate: boolean;
  accessList: readonly string[];
}

export async function setOpportunitiesAccess(deps: Deps, actor: Actor, ids: readonly number[], access: AccessInput): Promise<OpportunityViews> {
  if (ids.length === 0) throw invalid('opportunityid: at least one opportunity id is required');
  return deps.store.transaction(async (trx) => {
    await checkAccessList(trx, actor.tenantId, access.accessList);
    return setAccess(deps, trx, actor, ids, access);
  });
}

export async function setOpportunitiesAccessByFilter(deps: Deps, actor: Actor, input: OpportunityFilterInput, access: AccessInput): Promise<OpportunityViews> {
  const criteria = parseOpportunityFilter(input, actor.timeZone);
  return deps.store.transaction(async (trx) => {
    await checkAccessList(trx, actor.tenantId, access.accessList);
    return setAccess(deps, trx, actor, await listOpportunityIds(trx, actor, criteria), access);
  });
}

async function setAccess(deps: Deps, trx: Executor, actor: Actor, ids: readonly number[], access: AccessInput): Promise<OpportunityViews> {
  const now = deps.clock.now();
  const accessible = (await lockOpportunities(trx, deps.store.dialect, actor.tenantId, ids)).filter((o) => canAccessOpportunity(actor, o));
  const next = computeAccessChange(access.isPrivate, access.accessList, actor.userId);
  const changed = accessible.filter((o) => hasAccessChanged(o, next));
  await updateOpportunitiesAccess(trx, actor.tenantId, changed.map((o) => o.id), next, actor.userId, now);
  const ctx = auditContext(deps, trx, actor, now);
  for (const o of changed) {
    await recordAudit(ctx, {
      action: 'opportunity.access-changed', targetType: 'opportunity', targetIds: [o.id],
      changes: diffFields(opportunityAuditView(o), opportunityAuditView({ ...o, ...next })),
    });
  }
  const after = await findOpportunities(trx, actor.tenantId, accessible.map((o) => o.id));
  return loadOpportunityViews(trx, actor, accessible.map((o) => after.get(o.id)!));
}
