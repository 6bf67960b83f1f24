// Opportunity stages ("deal milestones", spec §2.1 DealMilestoneStatus, §2.3.14): the rules of
// creating, editing and reordering them that need no database.
import { invalid } from '../errors.js';
import { STAGE_TYPES, type OpportunityStage, type StageType } from './opportunity.js';

export const MAX_STAGE_TEXT_LENGTH = 255;
const charLength = (s: string): number => [...s].length;
const STAGE_TYPE_TEXT = Object.entries(STAGE_TYPES).map(([k, v]) => `${v} (${k})`).join(', ');

export interface StageInput {
  title: string;
  description: string;
  color: string;
  successProbability: number;
  stageType: number;
}

export type ValidStage = Omit<OpportunityStage, 'id' | 'sortOrder'>;

export const stageNotFoundMessage = (id: number): string => `Opportunity stage ${id} is not found`;

export const isStageType = (n: number): n is StageType => Object.values(STAGE_TYPES).includes(n as StageType);

/**
 * The original's create and update checks (a title is required) plus ours: lengths of its
 * varchar(255) columns (Q32) and a known stage type. The probability is clamped to 0..100, as
 * opportunity create does (spec §6.4), rather than refused.
 */
export function validateStage(input: StageInput): ValidStage {
  const title = input.title.trim();
  if (title === '') throw invalid('title: the stage title is required');
  if (charLength(title) > MAX_STAGE_TEXT_LENGTH) throw invalid(`title: at most ${MAX_STAGE_TEXT_LENGTH} characters`);
  const color = input.color.trim();
  if (charLength(color) > MAX_STAGE_TEXT_LENGTH) throw invalid(`color: at most ${MAX_STAGE_TEXT_LENGTH} characters`);
  if (!isStageType(input.stageType)) throw invalid(`stageType: ${input.stageType} is not a stage type; use one of ${STAGE_TYPE_TEXT}`);
  return {
    title,
    description: input.description,
    color,
    successProbability: Math.min(100, Math.max(0, input.successProbability)),
    stageType: input.stageType,
  };
}

/**
 * The stage ids in their new order: the given ids first, in the given order (a repeated id counts
 * once), then the stages not named, in their current order. An id that is not a stage of the
 * tenant is refused. `current` is in the current order.
 */
export function computeStageOrder(current: readonly Pick<OpportunityStage, 'id'>[], ids: readonly number[]): number[] {
  const known = new Set(current.map((s) => s.id));
  const unknown = ids.find((id) => !known.has(id));
  if (unknown !== undefined) throw invalid(`ids: ${stageNotFoundMessage(unknown)}`);
  const first = [...new Set(ids)];
  const named = new Set(first);
  return [...first, ...current.map((s) => s.id).filter((id) => !named.has(id))];
}

/** The stored order of a stage list: a stage's position is its sortOrder (0, 1, 2, …). */
export const computeSortOrders = (orderedIds: readonly number[]): Map<number, number> => new Map(orderedIds.map((id, i) => [id, i]));

export const isClosedStage = (s: Pick<OpportunityStage, 'stageType'>): boolean => s.stageType !== STAGE_TYPES.Open;
