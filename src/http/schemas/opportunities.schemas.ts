// Request schemas of the opportunity and stage routes, with the wire names of spec §6.4 and of
// the original's DealsApi / ListItemsApi where the spec is silent.
import { Type, type Static } from 'typebox';
import { BID_TYPES } from '../../domain/opportunities/new-opportunity.js';
import { STAGE_TYPES } from '../../domain/opportunities/opportunity.js';
import { DateParam, DecimalParam, EnumParam, GuidParam } from './common.js';

const MAX_ID = 2_147_483_647;
const id = (description: string) => Type.Integer({ maximum: MAX_ID, description });

export const OpportunityIdParams = Type.Object({ id: id('Opportunity id') });
export const OpportunityStageParams = Type.Object({ id: id('Opportunity id'), stageid: id('Stage id') });
export const OpportunityMemberParams = Type.Object({ id: id('Opportunity id'), contactid: id('Contact id') });
export const ContactIdParams = Type.Object({ contactid: id('Contact id') });
export const StageIdParams = Type.Object({ id: id('Stage id') });

const IDS_TEXT = 'a JSON array, ids[]=1&ids[]=2, ids=1&ids=2, ids[0]=1 or ids=1,2,3';

export const OpportunityBody = Type.Object({
  contactid: Type.Integer({ default: 0, description: 'Primary contact; 0 = none. Must exist (else 400) and be readable by the caller (else 403)' }),
  members: Type.Array(Type.Integer(), { default: [], description: 'Further member contacts; contacts the caller may not read are dropped' }),
  title: Type.String({ default: '', description: 'Required, at most 255 characters' }),
  description: Type.String({ default: '' }),
  responsibleid: Type.Optional(GuidParam('Required: a user of the portal')),
  bidType: Type.Unsafe<number>({ ...EnumParam(BID_TYPES, 'Default FixedBid'), default: 0 }),
  bidValue: Type.Optional(DecimalParam('Between -99999999.99 and 99999999.99; stored with 2 decimals')),
  bidCurrencyAbbr: Type.String({ default: '', description: 'Required: a currency code of GET crm/settings/currency, any case' }),
  perPeriodValue: Type.Integer({ default: 0 }),
  stageid: Type.Integer({ default: 0, description: 'Required: a stage of GET crm/opportunity/stage' }),
  successProbability: Type.Integer({ default: 0, description: 'Percent; clamped to 0..100' }),
  actualCloseDate: Type.Optional(DateParam()),
  expectedCloseDate: Type.Optional(DateParam()),
  isPrivate: Type.Boolean({ default: false, description: 'Only administrators and the access list (plus the creator or editor) see a private opportunity' }),
  accessList: Type.Array(GuidParam(), { default: [], description: 'Users who may see a private opportunity' }),
  isNotify: Type.Boolean({ default: false, description: 'Accepted and ignored: no notifications are sent' }),
});
export type OpportunityBody = Static<typeof OpportunityBody>;
/** The create body (kept name). */
export const CreateOpportunityBody = OpportunityBody;

// The filter parameters of the original's GetDeals / DeleteBatchDeals / SetAccessToBatchDeal.
const filterProps = {
  responsibleid: Type.Optional(GuidParam('Only opportunities of this responsible user')),
  stageid: Type.Integer({ default: 0, description: 'Only opportunities at this stage (0 = any)' }),
  opportunityStagesid: Type.Integer({ default: 0, description: 'The original\'s name of `stageid`, used when `stageid` is absent or 0' }),
  stageType: Type.Optional(EnumParam(STAGE_TYPES, 'Only opportunities at a stage of this type')),
  contactid: Type.Integer({ default: 0, description: 'Only opportunities having this contact as a member, the primary contact included (0 = any)' }),
  contactAlsoIsParticipant: Type.Optional(Type.Boolean({ description: '`false`: only opportunities whose primary contact is `contactid`. Default: any member' })),
  fromDate: Type.Optional(DateParam('Expected close date ≥ this instant')),
  toDate: Type.Optional(DateParam('Expected close date ≤ this instant + 1 day − 1 minute (a date alone covers its day)')),
};

// The smart-list parameters are read by http/list-query.ts from the raw query (spec §1.6); they
// are declared as text for OpenAPI.
const listText = (description: string) => Type.Optional(Type.String({ description }));
const SEARCH_TEXT = 'Search words: each must occur in the title or the description (any case); text after a comma is ignored (spec §1.6)';

export const OpportunityFilterQuery = Type.Object({
  ...filterProps,
  filterValue: listText(SEARCH_TEXT),
  sortBy: listText('title, responsible, stage, bidValue or dateAndTime (any case), or 0–4 (DealSortedByType); default stage ascending'),
  sortOrder: listText('descending (exactly) for descending'),
  startIndex: listText('Offset of the page'),
  count: listText('Page size, 0–1000 (default 1000)'),
});
export type OpportunityFilterQuery = Static<typeof OpportunityFilterQuery>;

export const OpportunityFilterBody = Type.Object({ ...filterProps, filterValue: listText(SEARCH_TEXT) });
export type OpportunityFilterBody = Static<typeof OpportunityFilterBody>;

const accessProps = {
  isPrivate: Type.Boolean({ default: false, description: 'Private: only administrators and the access list see the opportunities (the caller stays on the list)' }),
  accessList: Type.Array(GuidParam(), { default: [], description: 'Users of the portal; ignored when not private' }),
};

export const OpportunityFilterAccessBody = Type.Object({ ...filterProps, filterValue: listText(SEARCH_TEXT), ...accessProps });
export type OpportunityFilterAccessBody = Static<typeof OpportunityFilterAccessBody>;

export const OpportunityAccessBody = Type.Object({
  opportunityid: Type.Array(Type.Integer(), { default: [], description: `Opportunity ids: ${IDS_TEXT}` }),
  ...accessProps,
});

export const OpportunityIdsBody = Type.Object({
  opportunityids: Type.Array(Type.Integer(), { default: [], description: `Opportunity ids: ${IDS_TEXT}` }),
});

export const StageBody = Type.Object({
  title: Type.String({ default: '', description: 'Required, at most 255 characters' }),
  description: Type.String({ default: '' }),
  color: Type.String({ default: '', description: 'Any text up to 255 characters, e.g. #43a047' }),
  successProbability: Type.Integer({ default: 0, description: 'Percent; clamped to 0..100' }),
  stageType: Type.Unsafe<number>({ ...EnumParam(STAGE_TYPES, 'DealMilestoneStatus; default Open'), default: 0 }),
});
export type StageBody = Static<typeof StageBody>;

export const StageReorderBody = Type.Object({
  ids: Type.Array(Type.Integer(), { default: [], description: `Stage ids in their new order: ${IDS_TEXT}. Stages not named keep their relative order after them` }),
});
