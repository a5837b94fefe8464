import { z } from 'zod';

/** A fiscal year's closing for releases as callers see it. */
export const ReleasesClosingViewSchema = z.object({
  regencyCode: z.string(),
  fiscalYear: z.number().int(),
  releasesCloseAt: z.iso.datetime(),
  /** True when BPKAD set no date: the year then closes at its very end. */
  isDefault: z.boolean(),
  closed: z.boolean(),
});
export type ReleasesClosingView = z.infer<typeof ReleasesClosingViewSchema>;
