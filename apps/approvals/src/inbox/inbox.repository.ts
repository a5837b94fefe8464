import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Actor, ActorSchema, REGION_SCOPE_LEVELS, ROLES } from '@alur/contracts';
import { containsPattern, jsonField, jsonTimestamp, queryRows, rupiahField } from '@alur/database';
import { ApprovalStage, StageDecisionRecord } from '../stages/domain/approval-stage';

/** Whose inbox: an official, who also sees the stages of the officials they act for (Plt/Plh) at the time asked. */
export type InboxOwner = Pick<Actor, 'userId' | 'role' | 'regionCode'>;

export interface InboxFilter {
  /** Text found in the title, or one of these villages (whose names matched it: the names are not in the tables). */
  search?: { text: string; villageCodes: string[] };
  programCode?: string;
  /** Only those past their deadline (true) or only those within it (false). */
  overdue?: boolean;
}

/** An open stage waiting in an inbox, with what its chain says about the proposal. */
export interface WaitingStage extends Pick<
  ApprovalStage,
  | 'id'
  | 'proposalId'
  | 'submissionNumber'
  | 'stageOrder'
  | 'stageCount'
  | 'role'
  | 'regionLevel'
  | 'regionCode'
  | 'villageCode'
  | 'programCode'
  | 'title'
  | 'openedAt'
  | 'dueAt'
> {
  districtCode: string;
  programVersion: number;
  category: string;
  requestedAmount: number;
  /** The official the owner sees it for as Plt/Plh, when an appointment in force covers its role and region. */
  actingFor: { userId: string; username: string } | null;
}

const WaitingRow = z
  .object({
    id: z.string(),
    proposal_id: z.string(),
    submission_number: z.number().int(),
    stage_order: z.number().int(),
    stage_count: z.number().int(),
    role: z.enum(ROLES),
    region_level: z.enum(REGION_SCOPE_LEVELS),
    region_code: z.string(),
    village_code: z.string(),
    program_code: z.string(),
    title: z.string(),
    opened_at: jsonTimestamp,
    due_at: jsonTimestamp,
    acting_for: z.object({ for_user_id: z.string(), for_username: z.string() }).nullable(),
    program_version: z.number().int(),
    category: z.string(),
    district_code: z.string(),
    requested_amount: rupiahField,
  })
  .transform((row): WaitingStage => ({
    id: row.id,
    proposalId: row.proposal_id,
    submissionNumber: row.submission_number,
    stageOrder: row.stage_order,
    stageCount: row.stage_count,
    role: row.role,
    regionLevel: row.region_level,
    regionCode: row.region_code,
    villageCode: row.village_code,
    districtCode: row.district_code,
    programCode: row.program_code,
    programVersion: row.program_version,
    category: row.category,
    title: row.title,
    requestedAmount: row.requested_amount,
    openedAt: row.opened_at,
    dueAt: row.due_at,
    actingFor: row.acting_for ? { userId: row.acting_for.for_user_id, username: row.acting_for.for_username } : null,
  }));

const DecidedRow = z
  .object({
    proposal_id: z.string(),
    submission_number: z.number().int(),
    stageOrder: z.number().int(),
    role: z.enum(ROLES),
    decidedBy: jsonField(ActorSchema),
  })
  .transform((row) => ({
    proposalId: row.proposal_id,
    submissionNumber: row.submission_number,
    stageOrder: row.stageOrder,
    role: row.role,
    decidedBy: row.decidedBy,
  }));

/** The page, its count and its proposals' decided stages, as the one statement answers them. */
const PageRow = z.object({ total: z.number().int(), stages: z.array(WaitingRow), decided: z.array(DecidedRow) });
export type InboxPageRows = z.output<typeof PageRow>;

const WaitingVillageRow = z.object({ village_code: z.string() });

/**
 * The open stages waiting for an owner: those of their own role and region, and those of the officials
 * they act for under an appointment in force at `now` ($1 user, $2 role, $3 region, $4 now).
 */
const WAITING = `WITH acting AS (
     SELECT role, region_code, for_user_id, for_username FROM acting_appointment
      WHERE acting_user_id = $1 AND valid_from <= $4 AND valid_until > $4
   )
   SELECT s.*, (SELECT json_build_object('for_user_id', a.for_user_id, 'for_username', a.for_username) FROM acting a
                 WHERE a.role = s.role AND a.region_code = s.region_code LIMIT 1) AS acting_for
     FROM approval_stage s
    WHERE s.status = 'OPEN'
      AND ((s.role = $2 AND s.region_code = $3)
           OR EXISTS (SELECT 1 FROM acting a WHERE a.role = s.role AND a.region_code = s.region_code))`;

const waitingParams = (owner: InboxOwner, now: Date): unknown[] => [owner.userId, owner.role, owner.regionCode, now];

/** Officials' inboxes: a read model over stages, chains and acting appointments. Read-only. */
@Injectable()
export class InboxRepository {
  /** The villages of the stages waiting for the owner. */
  async villagesWaitingFor(db: EntityManager, owner: InboxOwner, now: Date): Promise<string[]> {
    const rows = await queryRows(db, WaitingVillageRow, `SELECT DISTINCT village_code FROM (${WAITING}) w`, waitingParams(owner, now));
    return rows.map((row) => row.village_code);
  }

  /**
   * One page of the stages waiting for the owner that pass the filter, oldest first, how many pass it in
   * all, and the decided stages of the page's proposals: one statement, so the count agrees with the page
   * (one snapshot) without a transaction's extra round trips.
   */
  async pageFor(
    db: EntityManager,
    owner: InboxOwner,
    filter: InboxFilter,
    now: Date,
    page: { limit: number; offset: number },
  ): Promise<InboxPageRows> {
    const params = waitingParams(owner, now);
    const conditions: string[] = [];
    if (filter.search) {
      params.push(containsPattern(filter.search.text), filter.search.villageCodes);
      conditions.push(`(w.title ILIKE $${params.length - 1} OR w.village_code = ANY($${params.length}::text[]))`);
    }
    if (filter.programCode) {
      params.push(filter.programCode);
      conditions.push(`w.program_code = $${params.length}`);
    }
    if (filter.overdue !== undefined) conditions.push(filter.overdue ? 'w.due_at < $4' : 'w.due_at >= $4');
    params.push(page.limit, page.offset);
    const [rows] = await queryRows(
      db,
      PageRow,
      `WITH filtered AS (
         SELECT * FROM (${WAITING}) w${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''}
       ), page AS (
         SELECT w.id, w.proposal_id, w.submission_number, w.stage_order, w.stage_count, w.role, w.region_level,
                w.region_code, w.village_code, w.program_code, w.title, w.opened_at, w.due_at, w.acting_for,
                c.program_version, c.category, c.district_code, c.requested_amount::text AS requested_amount
           FROM filtered w
           JOIN approval_chain c ON c.proposal_id = w.proposal_id AND c.submission_number = w.submission_number
          ORDER BY w.opened_at, w.id
          LIMIT $${params.length - 1} OFFSET $${params.length}
       )
       SELECT (SELECT count(*)::int FROM filtered) AS total,
              coalesce((SELECT json_agg(p ORDER BY p.opened_at, p.id) FROM page p), '[]') AS stages,
              coalesce((SELECT json_agg(json_build_object('proposal_id', d.proposal_id, 'submission_number', d.submission_number,
                                                          'stageOrder', d.stage_order, 'role', d.role, 'decidedBy', d.decided_by)
                                        ORDER BY d.stage_order)
                          FROM approval_stage d
                         WHERE d.proposal_id IN (SELECT proposal_id FROM page) AND d.decided_by IS NOT NULL), '[]') AS decided`,
      params,
    );
    return rows;
  }
}
