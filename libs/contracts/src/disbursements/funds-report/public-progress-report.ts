import { z } from 'zod';

/**
 * A progress report as the public transparency page shows it: one a Verifikator accepted, without who
 * reported or verified it. Photos are by reference, as the BKM attached them.
 */
export const PublicProgressReportSchema = z.object({
  physicalProgressPercent: z.number().int(),
  note: z.string(),
  reportedAt: z.iso.datetime(),
  verifiedAt: z.iso.datetime().nullable(),
  final: z.boolean(),
  photos: z.array(z.object({ url: z.string(), caption: z.string().optional() })),
});
export type PublicProgressReport = z.infer<typeof PublicProgressReportSchema>;
