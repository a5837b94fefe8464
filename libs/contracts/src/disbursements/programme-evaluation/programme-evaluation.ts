import { z } from 'zod';
import type { EvaluationStages } from '../../approvals/requests/evaluate-stages.request';

// StageFigures and EvaluationStages, the approvals side of a group, are declared by the approvals contract EvaluateStages.
import type { EvaluationCounts } from '../../proposals/requests/count-proposals.request';

/** The money side of one group of regions (the pilot, or the rest) of a programme's year. */
export const EvaluationGroupSchema = z.object({
  group: z.enum(['PILOT', 'OTHERS']),
  funded: z.number().int(),
  awaitingBudget: z.number().int(),
  ceiling: z.number().int(),
  committed: z.number().int(),
  released: z.number().int(),
  /** Absorption: released ÷ committed and committed ÷ ceiling, in basis points (10000 = 100%), rounded down. */
  releasedOfCommittedBp: z.number().int(),
  committedOfCeilingBp: z.number().int(),
  /** The mean of each funded proposal's verified physical progress (none reported counts as 0), to one decimal. */
  averageProgressPercent: z.number(),
  completed: z.number().int(),
  /** Completed before the year closed for releases. */
  completedOnTime: z.number().int(),
});
export type EvaluationGroup = z.infer<typeof EvaluationGroupSchema>;

/** The proposals side of one group: declared with the request that answers it (proposals.evaluation.counts). */
export type { EvaluationCounts };

/** The pilot evaluation of a programme's year, as the disbursements service gives it to the gateway. */
export const ProgrammeEvaluationSchema = z.object({
  programCode: z.string(),
  fiscalYear: z.number().int(),
  pilotRegionCodes: z.array(z.string()),
  groups: z.array(EvaluationGroupSchema),
});
export type ProgrammeEvaluation = z.infer<typeof ProgrammeEvaluationSchema>;

/** The whole evaluation the gateway answers: each group's proposal counts, stage figures and money figures. */
export interface PilotEvaluation {
  programCode: string;
  fiscalYear: number;
  pilotRegionCodes: string[];
  /** The same regions by name, as the gateway's region directory names them ("Kec. Mandau", "Balik Alam, Kec. Mandau"). */
  pilotRegions: Array<{ code: string; name: string }>;
  groups: Array<EvaluationCounts & EvaluationStages & EvaluationGroup>;
  /** With `compareWith=previous-year`: the same regions in the same programme family's previous year. */
  previousYear?: PilotEvaluation;
}
