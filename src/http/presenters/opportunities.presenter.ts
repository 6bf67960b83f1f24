// Opportunities on the wire (spec §2.3.14) and their stages.
import { canReadContact } from '../../domain/contacts/contact.js';
import { findCurrency } from '../../domain/currencies/catalogue.js';
import { canAccessOpportunity, type OpportunityStage } from '../../domain/opportunities/opportunity.js';
import type { OpportunityView } from '../../use-cases/opportunities/opportunity-view.js';
import { wireDecimal } from '../envelope.js';
import { apiDate, employee, presentCurrency, type PresentContext } from './common.js';
import { presentContactBase } from './contacts.presenter.js';

export const presentStage = (s: OpportunityStage) => ({
  id: s.id,
  title: s.title,
  description: s.description,
  color: s.color,
  sortOrder: s.sortOrder,
  successProbability: s.successProbability,
  stageType: s.stageType,
});

/**
 * The Opportunity of spec §2.3.14. `contact` is null and `members` leave out every contact the
 * reader may not read (the view holds only readable ones; checked again here: never leak).
 */
export function presentOpportunity(ctx: PresentContext, v: OpportunityView) {
  const o = v.opportunity;
  const readable = (id: number) => {
    const c = v.readableContacts.get(id);
    return c && canReadContact(ctx.actor, c) ? c : undefined;
  };
  const contact = o.contactId > 0 ? readable(o.contactId) : undefined;
  const currency = findCurrency(o.bidCurrency);
  return {
    id: o.id,
    createBy: employee(ctx, o.createdBy),
    created: apiDate(ctx, o.createdAt),
    members: o.members.flatMap((id) => {
      const c = readable(id);
      return c ? [presentContactBase(ctx, c)] : [];
    }),
    contact: contact ? presentContactBase(ctx, contact) : null,
    title: o.title,
    description: o.description,
    responsible: employee(ctx, o.responsibleId),
    // omit-if-0 members (spec §2.3.14)
    ...(o.bidType !== 0 ? { bidType: o.bidType } : {}),
    ...(!o.bidValue.isZero() ? { bidValue: wireDecimal(o.bidValue) } : {}),
    bidCurrency: currency ? presentCurrency(currency) : null,
    ...(o.perPeriodValue !== 0 ? { perPeriodValue: o.perPeriodValue } : {}),
    stage: v.stage ? presentStage(v.stage) : null,
    ...(o.successProbability !== 0 ? { successProbability: o.successProbability } : {}),
    actualCloseDate: apiDate(ctx, o.actualCloseAt),
    expectedCloseDate: apiDate(ctx, o.expectedCloseAt),
    isPrivate: o.isPrivate,
    accessList: o.isPrivate ? o.accessList.map((id) => employee(ctx, id)) : [],
    canEdit: canAccessOpportunity(ctx.actor, o),
    customFields: [],
  };
}
