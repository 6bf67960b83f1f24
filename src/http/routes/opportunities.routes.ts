// Opportunities ("deals") and their stages: the original's DealsApi and the deal-milestone part
// of ListItemsApi (spec §6.4, §2.3.14, §3.5, §3.8). Static segments (`filter`, `access`,
// `bycontact`, `stage`, `reorder`) never reach an `{id}`: ids match digits only (spec §1.1).
import type { OpportunityFilterInput } from '../../domain/opportunities/opportunity-filter.js';
import type { NewOpportunityInput } from '../../domain/opportunities/new-opportunity.js';
import { parseDecimal } from '../../domain/money.js';
import type { Deps } from '../../use-cases/deps.js';
import { createOpportunity } from '../../use-cases/opportunities/create-opportunity.js';
import { deleteOpportunitiesBatch, deleteOpportunitiesByFilter, deleteOpportunity } from '../../use-cases/opportunities/delete-opportunities.js';
import { filterOpportunities, listContactOpportunities } from '../../use-cases/opportunities/filter-opportunities.js';
import { getOpportunity } from '../../use-cases/opportunities/get-opportunity.js';
import { addOpportunityMember, listOpportunityMembers, removeOpportunityMember } from '../../use-cases/opportunities/opportunity-members.js';
import type { OpportunityViews } from '../../use-cases/opportunities/opportunity-view.js';
import { setOpportunitiesAccess, setOpportunitiesAccessByFilter } from '../../use-cases/opportunities/set-opportunity-access.js';
import { setOpportunityStage } from '../../use-cases/opportunities/set-opportunity-stage.js';
import { updateOpportunity } from '../../use-cases/opportunities/update-opportunity.js';
import {
  createOpportunityStage, deleteOpportunityStage, getOpportunityStage, listOpportunityStages, reorderOpportunityStages, updateOpportunityStage,
} from '../../use-cases/opportunities/opportunity-stages.js';
import type { Actor } from '../../domain/people/user.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { fetchSize, pageMeta, pageOf, parseListQuery } from '../list-query.js';
import { presentContactBase } from '../presenters/contacts.presenter.js';
import { presentOpportunity, presentStage } from '../presenters/opportunities.presenter.js';
import {
  ContactIdParams, OpportunityAccessBody, OpportunityBody, OpportunityFilterAccessBody, OpportunityFilterBody, OpportunityFilterQuery,
  OpportunityIdParams, OpportunityIdsBody, OpportunityMemberParams, OpportunityStageParams, StageBody, StageIdParams, StageReorderBody,
} from '../schemas/opportunities.schemas.js';

const tags = ['opportunities'];
const API = '/api/2.0/crm/opportunity';
const ID = ':id(^\\d+$)';
const date = (iso: string | undefined) => (iso ? new Date(iso) : null);

/** Wire body → use-case input (names and types only; rules live in the domain). */
const toOpportunityInput = (b: OpportunityBody): NewOpportunityInput => ({
  contactId: b.contactid, members: b.members, title: b.title, description: b.description,
  responsibleId: b.responsibleid, bidType: b.bidType,
  bidValue: b.bidValue === undefined ? undefined : parseDecimal(b.bidValue),
  bidCurrency: b.bidCurrencyAbbr, perPeriodValue: b.perPeriodValue, stageId: b.stageid,
  successProbability: b.successProbability,
  actualCloseAt: date(b.actualCloseDate), expectedCloseAt: date(b.expectedCloseDate),
  isPrivate: b.isPrivate, accessList: b.accessList,
});

/** Filter parameters → use-case input. The search text keeps what precedes a comma, as smart lists do (spec §1.6, Q24). */
const toFilterInput = (q: OpportunityFilterBody, searchText: string | undefined): OpportunityFilterInput => ({
  searchText: searchText?.split(',')[0] || undefined,
  responsibleId: q.responsibleid,
  stageId: q.stageid || q.opportunityStagesid,
  stageType: q.stageType,
  contactId: q.contactid,
  contactAlsoIsParticipant: q.contactAlsoIsParticipant,
  fromDate: q.fromDate ? new Date(q.fromDate) : undefined,
  toDate: q.toDate ? new Date(q.toDate) : undefined,
});

const presentViews = (actor: Actor, { views, users }: OpportunityViews) => views.map((v) => presentOpportunity({ actor, users }, v));
const presentOne = (actor: Actor, v: OpportunityViews['views'][number]) => presentOpportunity({ actor, users: v.users }, v);

const FILTER_TEXT =
  'Filters of the original: `filterValue` (every word in the title or the description, any case), `responsibleid`, `stageid` (or the original\'s `opportunityStagesid`), `stageType`, `contactid` (a member, the primary contact included; `contactAlsoIsParticipant=false`: the primary contact only), `fromDate`/`toDate` (expected close date). `tags` are not supported (Ledgerline has no tags) and are ignored.';

export function opportunitiesRoutes(app: App, deps: Deps): void {
  opportunityStagesRoutes(app, deps);

  app.post(
    API,
    {
      schema: {
        tags,
        summary: 'Create an opportunity',
        description:
          'Spec §6.4. The stored members are `members` the caller may read plus `contactid`. A private opportunity is visible to administrators, its access list and its creator.',
        body: OpportunityBody,
      },
    },
    async (req, reply) => sendOk(reply, presentOne(req.actor, await createOpportunity(deps, req.actor, toOpportunityInput(req.body)))),
  );

  app.get(
    `${API}/filter`,
    {
      schema: {
        tags,
        summary: 'Search opportunities: filters, sort and paging; `total` counts exactly what the reader may access',
        description: `${FILTER_TEXT} Sort (\`sortBy\`, DealSortedByType): title, responsible (display name), stage (its sort order, the default), bidValue (the amount, whatever its currency), dateAndTime (expected close date; none last). Private opportunities appear only to administrators and their access list (spec §3.5).`,
        querystring: OpportunityFilterQuery,
      },
    },
    async (req, reply) => {
      const list = parseListQuery(req);
      const page = await filterOpportunities(deps, req.actor, toFilterInput(req.query, list.filterValue), {
        sortBy: list.sortBy, descending: list.descending, offset: list.startIndex, limit: fetchSize(list),
      });
      return sendOk(reply, presentViews(req.actor, { views: pageOf(list, page.views), users: page.users }), pageMeta(list, page.views.length, page.total));
    },
  );

  app.delete(
    `${API}/filter`,
    {
      schema: {
        tags,
        summary: 'Delete every opportunity the search finds that the caller may access; answers them as they were',
        description: `${FILTER_TEXT} No paging: every match is deleted, as the original does; no filter at all deletes every accessible opportunity. Invoices linked to a deleted opportunity keep their \`entityId\` and show \`entity: null\` (spec §3.8, Q31).`,
        body: OpportunityFilterBody,
      },
    },
    async (req, reply) => sendOk(reply, presentViews(req.actor, await deleteOpportunitiesByFilter(deps, req.actor, toFilterInput(req.body, req.body.filterValue)))),
  );

  app.put(
    `${API}/filter/access`,
    {
      schema: {
        tags,
        summary: 'Set privacy and access list of every opportunity the search finds that the caller may access',
        description: `${FILTER_TEXT} Users of \`accessList\` must be users of the portal (else 400). A private opportunity keeps the caller on its list. Answers the opportunities as they are afterwards.`,
        body: OpportunityFilterAccessBody,
      },
    },
    async (req, reply) => {
      const b = req.body;
      const views = await setOpportunitiesAccessByFilter(deps, req.actor, toFilterInput(b, b.filterValue), { isPrivate: b.isPrivate, accessList: b.accessList });
      return sendOk(reply, presentViews(req.actor, views));
    },
  );

  app.put(
    `${API}/access`,
    {
      schema: {
        tags,
        summary: 'Set privacy and access list of several opportunities',
        description:
          'As the original\'s SetAccessToBatchDeal: ids missing or not accessible to the caller (admin, public, or on the list) are skipped. Users of `accessList` must be users of the portal (else 400); a private opportunity keeps the caller on its list. No id at all is a 400. Answers the accessible opportunities as they are afterwards.',
        body: OpportunityAccessBody,
      },
    },
    async (req, reply) => {
      const b = req.body;
      return sendOk(reply, presentViews(req.actor, await setOpportunitiesAccess(deps, req.actor, b.opportunityid, { isPrivate: b.isPrivate, accessList: b.accessList })));
    },
  );

  app.put(
    API,
    {
      schema: {
        tags,
        summary: 'Delete a group of opportunities; answers the deleted ones as they were',
        description: 'As the original\'s DeleteBatchDeals: ids missing or not accessible to the caller are skipped; no id at all is a 400. Linked invoices keep their `entityId` (spec §3.8, Q31).',
        body: OpportunityIdsBody,
      },
    },
    async (req, reply) => sendOk(reply, presentViews(req.actor, await deleteOpportunitiesBatch(deps, req.actor, req.body.opportunityids))),
  );

  app.get(
    `${API}/bycontact/:contactid(^\\d+$)`,
    {
      schema: {
        tags,
        summary: 'Opportunities having the contact as a member (the primary contact included) that the reader may access, by id',
        description: 'The contact must exist and be readable by the caller, else 404. The whole list, unpaged.',
        params: ContactIdParams,
      },
    },
    async (req, reply) => sendOk(reply, presentViews(req.actor, await listContactOpportunities(deps, req.actor, req.params.contactid))),
  );

  app.get(
    `${API}/${ID}`,
    {
      schema: { tags, summary: 'One opportunity', description: 'Spec §3.5: an opportunity the caller may not access answers 404, as a missing one.', params: OpportunityIdParams },
    },
    async (req, reply) => sendOk(reply, presentOne(req.actor, await getOpportunity(deps, req.actor, req.params.id))),
  );

  app.put(
    `${API}/${ID}`,
    {
      schema: {
        tags,
        summary: 'Replace an opportunity (the parameters of create)',
        description:
          'A full update, checked as create (spec §6.4); missing or inaccessible → 404 (editing needs access only, as the original\'s CanEdit). Contacts the caller may not read are kept: members hidden from the caller stay whatever `members` says, and a hidden primary contact stays when `contactid` is 0. A private opportunity keeps the editor on its access list. A request that changes nothing writes nothing.',
        params: OpportunityIdParams,
        body: OpportunityBody,
      },
    },
    async (req, reply) => sendOk(reply, presentOne(req.actor, await updateOpportunity(deps, req.actor, req.params.id, toOpportunityInput(req.body)))),
  );

  app.delete(
    `${API}/${ID}`,
    {
      schema: {
        tags,
        summary: 'Delete an opportunity; answers it as it was',
        description: 'Missing or inaccessible → 404. Invoices linked to it keep their `entityId` and show `entity: null` (spec §3.8, Q31).',
        params: OpportunityIdParams,
      },
    },
    async (req, reply) => sendOk(reply, presentOne(req.actor, (await deleteOpportunity(deps, req.actor, req.params.id)).views[0]!)),
  );

  app.put(
    `${API}/${ID}/stage/:stageid(^\\d+$)`,
    {
      schema: {
        tags,
        summary: 'Move an opportunity to a stage',
        description:
          'As the original\'s UpdateToDealMilestone: `successProbability` becomes the stage\'s; a closed stage (won or lost) sets `actualCloseDate` to now, an open one clears it; the same stage again changes nothing. Unknown stage → 400 "Deal milestone is not found" (as create); missing or inaccessible opportunity → 404.',
        params: OpportunityStageParams,
      },
    },
    async (req, reply) => sendOk(reply, presentOne(req.actor, await setOpportunityStage(deps, req.actor, req.params.id, req.params.stageid))),
  );

  app.get(
    `${API}/${ID}/contact`,
    {
      schema: {
        tags,
        summary: 'Member contacts (ContactBase, spec §2.3.4) the reader may read, by id',
        description: 'The primary contact is a member. Missing or inaccessible opportunity → 404.',
        params: OpportunityIdParams,
      },
    },
    async (req, reply) => {
      const { contacts, users } = await listOpportunityMembers(deps, req.actor, req.params.id);
      return sendOk(reply, contacts.map((c) => presentContactBase({ actor: req.actor, users }, c)));
    },
  );

  app.post(
    `${API}/${ID}/contact/:contactid(^\\d+$)`,
    {
      schema: {
        tags,
        summary: 'Add a member contact; answers the contact (ContactBase)',
        description: 'Missing or inaccessible opportunity → 404; a contact that does not exist or that the caller may not read → 404 (the original\'s ItemNotFound). Adding a member twice changes nothing.',
        params: OpportunityMemberParams,
      },
    },
    async (req, reply) => {
      const { contact, users } = await addOpportunityMember(deps, req.actor, req.params.id, req.params.contactid);
      return sendOk(reply, presentContactBase({ actor: req.actor, users }, contact));
    },
  );

  app.delete(
    `${API}/${ID}/contact/:contactid(^\\d+$)`,
    {
      schema: {
        tags,
        summary: 'Remove a member contact; answers the contact (ContactBase)',
        description:
          'Errors as for adding. Removing the primary contact also clears `contact` (the primary contact is always a member, spec §3.8). Removing a contact that is not a member changes nothing.',
        params: OpportunityMemberParams,
      },
    },
    async (req, reply) => {
      const { contact, users } = await removeOpportunityMember(deps, req.actor, req.params.id, req.params.contactid);
      return sendOk(reply, presentContactBase({ actor: req.actor, users }, contact));
    },
  );
}

const STAGE_TEXT = 'CRM admins only (403 otherwise). `stageType` (DealMilestoneStatus) by number or name: 0 Open, 1 ClosedAndWon, 2 ClosedAndLost. `successProbability` is clamped to 0..100, as for opportunities.';

/** Stages ("deal milestones", the original's ListItemsApi); registered first, so `stage/…` never meets an opportunity `{id}`. */
function opportunityStagesRoutes(app: App, deps: Deps): void {
  const STAGE = `${API}/stage`;
  const toStageInput = (b: StageBody) => ({ title: b.title, description: b.description, color: b.color, successProbability: b.successProbability, stageType: b.stageType });

  app.get(
    STAGE,
    { schema: { tags, summary: 'Opportunity stages ("deal milestones"), by sort order', description: 'Any CRM user.' } },
    async (req, reply) => sendOk(reply, (await listOpportunityStages(deps, req.actor)).map(presentStage)),
  );

  app.post(
    STAGE,
    { schema: { tags, summary: 'Create a stage (after the existing ones)', description: `${STAGE_TEXT} A title is required.`, body: StageBody } },
    async (req, reply) => sendOk(reply, presentStage(await createOpportunityStage(deps, req.actor, toStageInput(req.body)))),
  );

  app.put(
    `${STAGE}/reorder`,
    {
      schema: {
        tags,
        summary: 'Reorder the stages; answers every stage in the new order',
        description:
          'CRM admins only. `ids`: stage ids in their new order; stages not named follow them in their current order; a repeated id counts once; an unknown id is a 400. No ids (an empty body) is valid and changes nothing.',
        body: StageReorderBody,
      },
    },
    async (req, reply) => sendOk(reply, (await reorderOpportunityStages(deps, req.actor, req.body.ids)).map(presentStage)),
  );

  app.get(
    `${STAGE}/${ID}`,
    { schema: { tags, summary: 'One stage', description: 'Any CRM user; unknown → 404.', params: StageIdParams } },
    async (req, reply) => sendOk(reply, presentStage(await getOpportunityStage(deps, req.actor, req.params.id))),
  );

  app.put(
    `${STAGE}/${ID}`,
    {
      schema: {
        tags,
        summary: 'Replace a stage (title, description, color, probability, type); its order is kept',
        description: `${STAGE_TEXT} Unknown → 404. Opportunities at the stage keep their own probability.`,
        params: StageIdParams,
        body: StageBody,
      },
    },
    async (req, reply) => sendOk(reply, presentStage(await updateOpportunityStage(deps, req.actor, req.params.id, toStageInput(req.body)))),
  );

  app.delete(
    `${STAGE}/${ID}`,
    {
      schema: {
        tags,
        summary: 'Delete a stage; answers it as it was',
        description: 'CRM admins only; unknown → 404. Refused with 400 while any opportunity (visible to the caller or not) is at the stage: move them to another stage first.',
        params: StageIdParams,
      },
    },
    async (req, reply) => sendOk(reply, presentStage(await deleteOpportunityStage(deps, req.actor, req.params.id))),
  );
}
