import { z } from 'zod';
import { RegionCode } from '../requests/request-fields';

/** `GET /api/v1/regions?within=14.03`, answered by the gateway from its region directory: the regions one tier below. */
export const RegionOptionsQuery = z.strictObject({ within: RegionCode });
export type RegionOptionsQuery = z.output<typeof RegionOptionsQuery>;

/** One region as a picker lists it: a kecamatan, or a village with whether it is a kelurahan or a desa. */
export const RegionOptionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'regency', 'district', 'village']),
  villageKind: z.enum(['KELURAHAN', 'DESA']).optional(),
});
export type RegionOption = z.infer<typeof RegionOptionSchema>;

export const RegionOptionListSchema = z.object({ items: z.array(RegionOptionSchema) });
export type RegionOptionList = z.infer<typeof RegionOptionListSchema>;
