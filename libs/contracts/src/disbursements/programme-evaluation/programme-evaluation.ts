import type { EvaluationCounts } from '../../proposals/requests/count-proposals.request';

/** The money side of one group of regions (the pilot, or the rest) of a programme's year. */
export interface EvaluationGroup {
  group: 'PILOT' | 'OTHERS';
  funded: number;
  awaitingBudget: number;
  ceiling: number;
  committed: number;
  released: number;
  /** Absorption: released ÷ committed and committed ÷ ceiling, in basis points (10000 = 100%), rounded down. */
  releasedOfCommittedBp: number;
  committedOfCeilingBp: number;
  /** The mean of each funded proposal's verified physical progress (none reported counts as 0), to one decimal. */
  averageProgressPercent: number;
  completed: number;
  /** Completed before the year closed for releases. */
  completedOnTime: number;
}

/** The proposals side of one group: declared with the request that answers it (proposals.evaluation.counts). */
export type { EvaluationCounts };

/**
 * One role's stages of a programme's year in one group, from the approvals service. Durations are
 * working days (hari kerja) of the regency calendar that sets the deadlines, from opening to decision,
 * to one decimal; median and p90 by nearest rank (the value at rank ⌈p/100 × n⌉ of the sorted
 * durations), null when no stage of the role was decided.
 */
export interface StageFigures {
  role: string;
  decided: number;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  /** Decided after their due time, or still open past it. */
  overdue: number;
  /** Whose escalation up the chain was announced at the deadline. */
  escalated: number;
}

/** The approvals side of one group: each role of the chain (in chain order), and the overdue and escalated stages of all roles. */
export interface EvaluationStages {
  group: 'PILOT' | 'OTHERS';
  stages: StageFigures[];
  overdueStages: number;
  escalatedStages: number;
}

/** The pilot evaluation of a programme's year, as the disbursements service gives it to the gateway. */
export interface ProgrammeEvaluation {
  programCode: string;
  fiscalYear: number;
  pilotRegionCodes: string[];
  groups: EvaluationGroup[];
}

/** The whole evaluation the gateway answers: each group's proposal counts, stage figures and money figures. */
export interface PilotEvaluation {
  programCode: string;
  fiscalYear: number;
  pilotRegionCodes: string[];
  groups: Array<EvaluationCounts & EvaluationStages & EvaluationGroup>;
  /** With `compareWith=previous-year`: the same regions in the same programme family's previous year. */
  previousYear?: PilotEvaluation;
}
