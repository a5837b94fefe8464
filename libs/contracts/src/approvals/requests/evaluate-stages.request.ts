import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { ProgrammeCode, RegionCode } from '../../requests/request-fields';

const EVALUATION_GROUPS = ['PILOT', 'OTHERS'] as const;

/**
 * One role's stages of a programme's year in one group. Durations are working days (hari kerja) of the
 * regency calendar that sets the deadlines, from opening to decision, to one decimal; median and p90 by
 * nearest rank (the value at rank ⌈p/100 × n⌉ of the sorted durations), null when no stage of the role
 * was decided.
 */
export const StageFiguresSchema = z.object({
  role: z.string(),
  decided: z.number().int(),
  medianWorkingDays: z.number().nullable(),
  p90WorkingDays: z.number().nullable(),
  /** Decided after their due time, or still open past it. */
  overdue: z.number().int(),
  /** Whose escalation up the chain was announced at the deadline. */
  escalated: z.number().int(),
});
export type StageFigures = z.infer<typeof StageFiguresSchema>;

/** The approvals side of one group: each role of the chain (in chain order), and the overdue and escalated stages of all roles. */
export const EvaluationStagesSchema = z.object({
  group: z.enum(EVALUATION_GROUPS),
  stages: z.array(StageFiguresSchema),
  overdueStages: z.number().int(),
  escalatedStages: z.number().int(),
});
export type EvaluationStages = z.infer<typeof EvaluationStagesSchema>;

/**
 * The pilot evaluation, approvals side: for a programme's year in the caller's kabupaten, the stage
 * figures of the pilot regions and of the rest (PILOT, then OTHERS).
 */
export const EvaluateStages = defineRequest('approvals.evaluation.stages', {
  request: z.strictObject({
    /** Programme codes carry their year (KOTAKU-2026), so the code alone names the programme's year. */
    programCode: ProgrammeCode,
    /** The pilot's kecamatan or villages, as the gateway resolved them. */
    pilotRegionCodes: z.array(RegionCode).max(200),
  }),
  answer: z.object({ groups: z.array(EvaluationStagesSchema) }),
});
