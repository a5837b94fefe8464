import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { STAGE_STATUSES, StageStatus } from '@alur/contracts';
import { queryRows } from '@alur/database';

/** A stage as the pilot evaluation counts it: when it opened, was due and was decided, and whether it was escalated. */
export interface EvaluatedStage {
  role: string;
  stageOrder: number;
  villageCode: string;
  status: StageStatus;
  openedAt: Date;
  dueAt: Date;
  decidedAt: Date | null;
  escalated: boolean;
}

const EvaluatedRow = z
  .object({
    role: z.string(),
    stage_order: z.number().int(),
    village_code: z.string(),
    status: z.enum(STAGE_STATUSES),
    opened_at: z.date(),
    due_at: z.date(),
    decided_at: z.date().nullable(),
    escalated: z.boolean(),
  })
  .transform((row): EvaluatedStage => ({
    role: row.role,
    stageOrder: row.stage_order,
    villageCode: row.village_code,
    status: row.status,
    openedAt: row.opened_at,
    dueAt: row.due_at,
    decidedAt: row.decided_at,
    escalated: row.escalated,
  }));

/** The pilot evaluation's read model over stages and the audit trail (which records escalations). Read-only. */
@Injectable()
export class StageEvaluationRepository {
  /** Every stage of a programme in the regency's villages, but those of withdrawn submissions (CANCELLED). */
  stagesOf(db: EntityManager, programCode: string, regencyCode: string): Promise<EvaluatedStage[]> {
    return queryRows(
      db,
      EvaluatedRow,
      `SELECT s.role, s.stage_order, s.village_code, s.status, s.opened_at, s.due_at, s.decided_at,
              EXISTS (SELECT 1 FROM audit_record a
                       WHERE a.entity_type = 'approval-stage' AND a.entity_id = s.id::text AND a.action = 'approval-stage.escalated') AS escalated
         FROM approval_stage s
        WHERE s.program_code = $1 AND s.village_code LIKE $2 || '.%' AND s.status <> 'CANCELLED'`,
      [programCode, regencyCode],
    );
  }
}
