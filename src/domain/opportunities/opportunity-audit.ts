// Plain, JSON-friendly pictures of opportunities and stages for the audit trail's before/after.
import type { Opportunity, OpportunityStage } from './opportunity.js';

type Audited = Omit<Opportunity, 'id' | 'tenantId' | 'createdBy' | 'createdAt'>;

export const opportunityAuditView = (o: Audited) => ({
  title: o.title,
  description: o.description,
  contactId: o.contactId,
  members: [...o.members].sort((a, b) => a - b),
  responsibleId: o.responsibleId,
  bidType: o.bidType,
  bidValue: o.bidValue.toFixed(2),
  bidCurrency: o.bidCurrency,
  perPeriodValue: o.perPeriodValue,
  stageId: o.stageId,
  successProbability: o.successProbability,
  expectedCloseAt: o.expectedCloseAt ? o.expectedCloseAt.toISOString() : null,
  actualCloseAt: o.actualCloseAt ? o.actualCloseAt.toISOString() : null,
  isPrivate: o.isPrivate,
  accessList: [...o.accessList].sort(),
});

export const stageAuditView = (s: Omit<OpportunityStage, 'id'>) => ({
  title: s.title,
  description: s.description,
  color: s.color,
  sortOrder: s.sortOrder,
  successProbability: s.successProbability,
  stageType: s.stageType,
});
