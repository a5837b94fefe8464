import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { queryRows } from '@alur/database';

/** `extract(epoch …)` answers numeric, which the pg driver hands over as a string to keep it exact. */
const milliseconds = z.union([z.string(), z.number()]).transform(Number).pipe(z.number().finite());

const OpenByRoleRow = z.object({ role: z.string(), open: z.number().int(), overdue: z.number().int() });
const DecisionTimeRow = z.object({ role: z.string(), ms: milliseconds });
const OverdueByDistrictRow = z.object({ districtCode: z.string(), overdue: z.number().int() });

/** The dashboard's read model over the stages of a kabupaten's villages. Read-only. */
@Injectable()
export class StageReportRepository {
  /** The open stages, and of those the ones past their due date at `now`, by role. */
  openByRole(db: EntityManager, regencyCode: string, now: Date): Promise<Array<{ role: string; open: number; overdue: number }>> {
    return queryRows(
      db,
      OpenByRoleRow,
      `SELECT role, count(*)::int AS open, count(*) FILTER (WHERE due_at < $2)::int AS overdue
         FROM approval_stage WHERE status = 'OPEN' AND village_code LIKE $1 || '.%' GROUP BY role`,
      [regencyCode, now],
    );
  }

  /** How long each decided stage took, opened to decided, in milliseconds (those of withdrawn submissions left out). */
  decisionTimes(db: EntityManager, regencyCode: string): Promise<Array<{ role: string; ms: number }>> {
    return queryRows(
      db,
      DecisionTimeRow,
      `SELECT role, extract(epoch FROM decided_at - opened_at) * 1000 AS ms
         FROM approval_stage WHERE decided_at IS NOT NULL AND status <> 'CANCELLED' AND village_code LIKE $1 || '.%'`,
      [regencyCode],
    );
  }

  /** The open stages past their due date at `now`, by kecamatan (the first 8 characters of a village code). */
  overdueByDistrict(db: EntityManager, regencyCode: string, now: Date): Promise<Array<{ districtCode: string; overdue: number }>> {
    return queryRows(
      db,
      OverdueByDistrictRow,
      `SELECT substring(village_code FROM 1 FOR 8) AS "districtCode", count(*)::int AS overdue
         FROM approval_stage WHERE status = 'OPEN' AND due_at < $2 AND village_code LIKE $1 || '.%'
        GROUP BY 1 ORDER BY 1`,
      [regencyCode, now],
    );
  }
}
