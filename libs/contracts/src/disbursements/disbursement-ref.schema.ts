import { z } from 'zod';

/** What every disbursement event names: the proposal, its disbursement, and the village it funds. */
export const DisbursementRefSchema = z.object({
  proposalId: z.uuid(),
  disbursementId: z.uuid(),
  villageCode: z.string().min(1),
});

/** One tranche (termin) of a disbursement, as ready and released events carry it. */
export const TrancheRefSchema = DisbursementRefSchema.extend({
  trancheNumber: z.number().int().positive(),
  trancheCount: z.number().int().positive(),
});
