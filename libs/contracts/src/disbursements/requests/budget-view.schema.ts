import { z } from 'zod';

/** A ceiling (pagu) with what is committed and released against it, and what waits for it; rupiah are integers. */
export const BudgetViewSchema = z.object({
  programCode: z.string(),
  fiscalYear: z.number().int(),
  regionCode: z.string(),
  /** The region as readers name it ("Kec. Mandau", "Balik Alam, Kec. Mandau"). */
  regionName: z.string().nullable(),
  regionLevel: z.string(),
  amount: z.number().int(),
  /**
   * True for a ceiling of a region open to the programme that nobody has set and nothing has been committed
   * against yet: its amount is the programme's default, which a first funding or BPKAD's first change sets.
   */
  programmeDefault: z.boolean(),
  committed: z.number().int(),
  released: z.number().int(),
  available: z.number().int(),
  /** Approved proposals waiting for room under the ceiling. */
  waiting: z.object({ count: z.number().int(), amount: z.number().int() }),
});
export type BudgetView = z.infer<typeof BudgetViewSchema>;
