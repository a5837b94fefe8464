import { z } from 'zod';
import { pageQuery, queryInt, RegionCode } from '../requests/request-fields';

/**
 * `GET /api/v1/public/transparency` (and its `/csv`, which ignores the paging): the public report of
 * approved proposals, answered by the gateway from the disbursements service's funds report.
 */
export const TransparencyReportQuerySchema = z.strictObject({
  ...pageQuery({ defaultPageSize: 20, maxPageSize: 100 }),
  /** A kabupaten, kecamatan or village; everything when left out. */
  regionCode: RegionCode.optional(),
  fiscalYear: queryInt({ min: 2000, max: 2100 }).optional(),
  /** Text in the proposal's title or its village's name. */
  q: z.string().max(200).optional(),
});
export type TransparencyReportQuery = z.infer<typeof TransparencyReportQuerySchema>;
