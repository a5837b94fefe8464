import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Role } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { containsPattern, rupiahOf } from '@alur/database';
import { DecidedStage, stageAlreadyDecidedBy } from '../../decisions/domain/separation-of-stages';
import { InboxPage, InboxQuery } from '../inbox-item';

interface InboxRow {
  id: string;
  proposal_id: string;
  submission_number: number;
  stage_order: number;
  stage_count: number;
  role: Role;
  region_level: string;
  region_code: string;
  village_code: string;
  program_code: string;
  title: string;
  opened_at: Date;
  due_at: Date;
  program_version: number;
  category: string;
  district_code: string;
  requested_amount: string;
  acting_for: { for_user_id: string; for_username: string } | null;
}

/**
 * The stages waiting for the caller, oldest first: those of their own role and region, and those of
 * the officials they act for (Plt/Plh) under an appointment active now. Searchable by title or
 * village name, filterable by programme and by being overdue, paged by number.
 */
@Injectable()
export class ListInboxUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  /** Its reads in one transaction: one commit per page rather than one per read, and a count that agrees with the page. */
  execute(actor: Actor, query: InboxQuery, now = new Date()): Promise<InboxPage> {
    return this.dataSource.transaction('REPEATABLE READ', (tx) => this.read(tx, actor, query, now));
  }

  private async read(tx: EntityManager, actor: Actor, query: InboxQuery, now: Date): Promise<InboxPage> {
    // Page limits and the filters' shapes are the contract's (ListInbox), checked before this runs.
    const { page, pageSize } = query;
    const waiting = `WITH acting AS (
         SELECT role, region_code, for_user_id, for_username FROM acting_appointment
          WHERE acting_user_id = $1 AND valid_from <= $4 AND valid_until > $4
       )
       SELECT s.*, (SELECT json_build_object('for_user_id', a.for_user_id, 'for_username', a.for_username) FROM acting a
                     WHERE a.role = s.role AND a.region_code = s.region_code LIMIT 1) AS acting_for
         FROM approval_stage s
        WHERE s.status = 'OPEN'
          AND ((s.role = $2 AND s.region_code = $3)
               OR EXISTS (SELECT 1 FROM acting a WHERE a.role = s.role AND a.region_code = s.region_code))`;
    const params: unknown[] = [actor.userId, actor.role, actor.regionCode, now];
    const filters: string[] = [];
    const q = query.q?.trim();
    if (q) {
      // Village names live in the region directory, not in the table: match them among the villages waiting here.
      const villages = (await tx.query(`SELECT DISTINCT village_code FROM (${waiting}) w`, params)) as Array<{
        village_code: string;
      }>;
      const needle = q.toLocaleLowerCase('id');
      const named = villages
        .map((v) => v.village_code)
        .filter((code) => this.regions.get(code)?.name.toLocaleLowerCase('id').includes(needle));
      params.push(containsPattern(q), named);
      filters.push(`(w.title ILIKE $${params.length - 1} OR w.village_code = ANY($${params.length}::text[]))`);
    }
    if (query.programCode) {
      params.push(query.programCode);
      filters.push(`w.program_code = $${params.length}`);
    }
    if (query.overdue !== undefined) filters.push(query.overdue ? 'w.due_at < $4' : 'w.due_at >= $4');
    const filtered = `SELECT * FROM (${waiting}) w${filters.length > 0 ? ` WHERE ${filters.join(' AND ')}` : ''}`;
    const [{ total }] = (await tx.query(`SELECT count(*)::int AS total FROM (${filtered}) f`, params)) as Array<{
      total: number;
    }>;
    const rows = (await tx.query(
      `SELECT w.id, w.proposal_id, w.submission_number, w.stage_order, w.stage_count, w.role, w.region_level,
              w.region_code, w.village_code, w.program_code, w.title, w.opened_at, w.due_at, w.acting_for,
              c.program_version, c.category, c.district_code, c.requested_amount::text AS requested_amount
         FROM (${filtered}) w
         JOIN approval_chain c ON c.proposal_id = w.proposal_id AND c.submission_number = w.submission_number
        ORDER BY w.opened_at, w.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    )) as InboxRow[];
    const own = (row: InboxRow) => row.role === actor.role && row.region_code === actor.regionCode;
    const decided = await this.decidedStagesOf(tx, rows);
    const earlierOf = (row: InboxRow) => {
      const actingFor =
        !own(row) && row.acting_for
          ? { userId: row.acting_for.for_user_id, username: row.acting_for.for_username, role: row.role, regionCode: row.region_code }
          : undefined;
      const earlier = stageAlreadyDecidedBy({ ...actor, actingFor }, decided.get(`${row.proposal_id}#${row.submission_number}`) ?? []);
      return earlier ? { order: earlier.stageOrder, role: earlier.role } : null;
    };
    return {
      page,
      pageSize,
      total,
      items: rows.map((row) => ({
        stageId: row.id,
        proposal: {
          proposalId: row.proposal_id,
          submissionNumber: row.submission_number,
          title: row.title,
          programCode: row.program_code,
          programVersion: row.program_version,
          category: row.category,
          villageCode: row.village_code,
          villageName: this.regions.get(row.village_code)?.name ?? null,
          districtCode: row.district_code,
          requestedAmount: rupiahOf(row.requested_amount),
        },
        stage: {
          order: row.stage_order,
          count: row.stage_count,
          role: row.role,
          regionLevel: row.region_level,
          regionCode: row.region_code,
        },
        openedAt: row.opened_at.toISOString(),
        dueAt: row.due_at.toISOString(),
        overdue: now.getTime() > row.due_at.getTime(),
        actingFor: !own(row) && row.acting_for ? { userId: row.acting_for.for_user_id, username: row.acting_for.for_username } : null,
        decidedEarlierStage: earlierOf(row),
      })),
    };
  }

  /** The decided stages of the page's submissions, by `proposalId#submissionNumber`. */
  private async decidedStagesOf(tx: EntityManager, rows: InboxRow[]): Promise<Map<string, DecidedStage[]>> {
    const byKey = new Map<string, DecidedStage[]>();
    if (!rows.length) return byKey;
    const decided = (await tx.query(
      `SELECT proposal_id, submission_number, stage_order AS "stageOrder", role, decided_by AS "decidedBy" FROM approval_stage
        WHERE proposal_id = ANY($1::uuid[]) AND decided_by IS NOT NULL ORDER BY stage_order`,
      [[...new Set(rows.map((row) => row.proposal_id))]],
    )) as Array<DecidedStage & { proposal_id: string; submission_number: number }>;
    for (const { proposal_id, submission_number, ...stage } of decided) {
      const key = `${proposal_id}#${submission_number}`;
      byKey.set(key, [...(byKey.get(key) ?? []), stage]);
    }
    return byKey;
  }
}
