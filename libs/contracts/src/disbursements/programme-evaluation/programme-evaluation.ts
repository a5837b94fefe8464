import type { EvaluationStages } from '../../approvals/requests/evaluate-stages.request';

// StageFigures and EvaluationStages, the approvals side of a group, are declared by the approvals contract EvaluateStages.

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

/** The proposals side of one group: submitted, finally approved, returned at least once, rejected. */
export interface EvaluationCounts {
  group: 'PILOT' | 'OTHERS';
  submitted: number;
  approved: number;
  returned: number;
  rejected: number;
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
