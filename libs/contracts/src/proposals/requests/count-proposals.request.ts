import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { ProgrammeCode } from '../../requests/request-fields';

/** A kecamatan or village code of a pilot: `14.03.09` or `14.03.09.1004`. */
export const PilotRegionCode = z
  .string()
  .regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/, { message: 'must be a kecamatan or village code such as 14.03.09' });

/** The proposals side of one group of the pilot evaluation: submitted, finally approved, returned at least once, rejected. */
export const EvaluationCountsSchema = z.object({
  group: z.enum(['PILOT', 'OTHERS']),
  submitted: z.number().int(),
  approved: z.number().int(),
  returned: z.number().int(),
  rejected: z.number().int(),
});
export type EvaluationCounts = z.infer<typeof EvaluationCountsSchema>;

/**
 * The pilot evaluation, proposals side: for a programme's year in the caller's kabupaten, the
 * proposals of the pilot regions (the programme's eligible list when none are named) and of the rest.
 */
export const CountProposals = defineRequest('proposals.evaluation.counts', {
  request: z.strictObject({
    programCode: ProgrammeCode,
    fiscalYear: z.number().int().min(2000).max(2100),
    pilotRegionCodes: z.array(PilotRegionCode).max(200).optional(),
  }),
  answer: z.object({ pilotRegionCodes: z.array(z.string()), groups: z.array(EvaluationCountsSchema) }),
});
