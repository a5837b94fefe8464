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

/** The pilot evaluation of a programme's year, as the disbursements service gives it to the gateway. */
export interface ProgrammeEvaluation {
  programCode: string;
  fiscalYear: number;
  pilotRegionCodes: string[];
  groups: EvaluationGroup[];
}
