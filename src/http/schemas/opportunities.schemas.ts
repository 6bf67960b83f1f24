// Request schemas of the opportunity routes, with the wire names of spec §6.4.
import { Type } from 'typebox';
import { BID_TYPES } from '../../domain/opportunities/new-opportunity.js';
import { DateParam, DecimalParam, EnumParam, GuidParam } from './common.js';

export const OpportunityIdParams = Type.Object({ id: Type.Integer({ description: 'Opportunity id' }) });

export const CreateOpportunityBody = Type.Object({
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
  isPrivate: Type.Boolean({ default: false, description: 'Only administrators and the access list (plus the creator) see a private opportunity' }),
  accessList: Type.Array(GuidParam(), { default: [], description: 'Users who may see a private opportunity' }),
  isNotify: Type.Boolean({ default: false, description: 'Accepted and ignored: no notifications are sent' }),
});
