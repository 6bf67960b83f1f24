// The opportunity stages a new tenant starts with (DECISIONS "Tenants, users, tokens"; the original
// seeds nine "deal milestones"). stageType: 0 open, 1 closed and won, 2 closed and lost.
import type { StageType } from './opportunity.js';

export type { StageType };

export interface StageSeed {
  title: string;
  description: string;
  color: string;
  successProbability: number;
  stageType: StageType;
}

export const DEFAULT_STAGES: readonly StageSeed[] = [
  { title: 'Initial contact', description: 'First contact with the prospect', color: '#e3f2fd', successProbability: 1, stageType: 0 },
  { title: 'Preapproach', description: 'Researching the prospect', color: '#bbdefb', successProbability: 10, stageType: 0 },
  { title: 'Qualification', description: 'Need, budget and authority confirmed', color: '#90caf9', successProbability: 20, stageType: 0 },
  { title: 'Champion & sponsor', description: 'An internal champion supports the deal', color: '#64b5f6', successProbability: 50, stageType: 0 },
  { title: 'Proposal', description: 'A proposal has been sent', color: '#42a5f5', successProbability: 70, stageType: 0 },
  { title: 'Negotiation', description: 'Terms are being negotiated', color: '#2196f3', successProbability: 80, stageType: 0 },
  { title: 'Commit', description: 'Verbal agreement', color: '#1e88e5', successProbability: 90, stageType: 0 },
  { title: 'Won', description: 'The deal is closed and won', color: '#43a047', successProbability: 100, stageType: 1 },
  { title: 'Lost', description: 'The deal is closed and lost', color: '#e53935', successProbability: 0, stageType: 2 },
];
