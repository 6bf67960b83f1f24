import type { OpportunityStage } from '../../domain/opportunities/opportunity.js';
import type { Actor } from '../../domain/people/user.js';
import { listStages } from '../../store/opportunities.store.js';
import type { Deps } from '../deps.js';

/** GET opportunity/stage: the tenant's stages ("deal milestones") by sort order; any CRM user. */
export async function listOpportunityStages(deps: Deps, actor: Actor): Promise<OpportunityStage[]> {
  return listStages(deps.store.db, actor.tenantId);
}
