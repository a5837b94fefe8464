import { z } from 'zod';
import { queryInt } from '@alur/contracts';

const PILOT_REGION = /^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/;

/**
 * `GET /api/v1/evaluations/:programCode/:fiscalYear[/csv|/xlsx|/pdf]`: the programme's year in the path, the
 * pilot and the comparison in the query. Gateway-only: the gateway asks three services and joins their answers.
 */
export const EvaluationQuery = z.strictObject({
  programCode: z
    .string()
    .max(40)
    .regex(/^[A-Z0-9][A-Z0-9-]*$/, { message: 'programCode must be a programme code such as BK-DESA-2026' }),
  fiscalYear: queryInt({ min: 2000, max: 2100 }),
  /** Comma-separated kecamatan or village codes of the pilot (`?pilot=14.03.09,14.03.13`, or the parameter repeated); the programme's own eligible list when left out. */
  pilot: z
    .union([
      z.string().transform((codes) =>
        codes
          .split(',')
          .map((code) => code.trim())
          .filter(Boolean),
      ),
      z.array(z.string()),
    ])
    .pipe(z.array(z.string().regex(PILOT_REGION, { message: 'pilot must list kecamatan or village codes such as 14.03.09' })).max(200))
    .optional(),
  /** Adds `previousYear`: the same regions in the programme family's previous year (KOTAKU-2026 → KOTAKU-2025: the code's trailing year, one less). */
  compareWith: z.enum(['previous-year'], { message: 'compareWith must be previous-year' }).optional(),
});
export type EvaluationQuery = z.infer<typeof EvaluationQuery>;
