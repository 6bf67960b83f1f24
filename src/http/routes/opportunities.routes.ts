// Opportunities ("deals") as invoices need them: stages, create, read one (spec §6.4, §2.3.14, §3.5).
import type { Deps } from '../../use-cases/deps.js';
import { createOpportunity } from '../../use-cases/opportunities/create-opportunity.js';
import { getOpportunity } from '../../use-cases/opportunities/get-opportunity.js';
import { listOpportunityStages } from '../../use-cases/opportunities/list-stages.js';
import { parseDecimal } from '../../domain/money.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentOpportunity, presentStage } from '../presenters/opportunities.presenter.js';
import { CreateOpportunityBody, OpportunityIdParams } from '../schemas/opportunities.schemas.js';

const tags = ['opportunities'];
const date = (iso: string | undefined) => (iso ? new Date(iso) : null);

export function opportunitiesRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/crm/opportunity/stage',
    { schema: { tags, summary: 'Opportunity stages ("deal milestones"), by sort order' } },
    async (req, reply) => sendOk(reply, (await listOpportunityStages(deps, req.actor)).map(presentStage)),
  );

  app.post(
    '/api/2.0/crm/opportunity',
    {
      schema: {
        tags,
        summary: 'Create an opportunity',
        description:
          'Spec §6.4. The stored members are `members` the caller may read plus `contactid`. A private opportunity is visible to administrators, its access list and its creator.',
        body: CreateOpportunityBody,
      },
    },
    async (req, reply) => {
      const b = req.body;
      const view = await createOpportunity(deps, req.actor, {
        contactId: b.contactid, members: b.members, title: b.title, description: b.description,
        responsibleId: b.responsibleid, bidType: b.bidType,
        bidValue: b.bidValue === undefined ? undefined : parseDecimal(b.bidValue),
        bidCurrency: b.bidCurrencyAbbr, perPeriodValue: b.perPeriodValue, stageId: b.stageid,
        successProbability: b.successProbability,
        actualCloseAt: date(b.actualCloseDate), expectedCloseAt: date(b.expectedCloseDate),
        isPrivate: b.isPrivate, accessList: b.accessList,
      });
      return sendOk(reply, presentOpportunity({ actor: req.actor, users: view.users }, view));
    },
  );

  app.get(
    '/api/2.0/crm/opportunity/:id',
    {
      schema: {
        tags,
        summary: 'One opportunity',
        description: 'Spec §3.5: an opportunity the caller may not access answers 404, as a missing one.',
        params: OpportunityIdParams,
      },
    },
    async (req, reply) => {
      const view = await getOpportunity(deps, req.actor, req.params.id);
      return sendOk(reply, presentOpportunity({ actor: req.actor, users: view.users }, view));
    },
  );
}
