import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import { z } from 'zod';
import { PROPOSAL_STATUSES, type ProposalStatus } from '@alur/contracts';
import { entityRows, escapeLike, queryRows, RidingStatement, runAlone, together } from '@alur/database';
import type { BudgetLine } from './domain/budget';
import type { Proposal, ProposalChanges, SubmittedProposalOutcome, TimelineEntry, TimelineEntryDraft } from './domain/proposal';
import { ProposalBudgetItemEntity } from './proposal-budget-item.entity';
import { ProposalTimelineEntryEntity } from './proposal-timeline-entry.entity';
import { ProposalEntity } from './proposal.entity';

/** A proposal's RAB lines inserted, in the BKM's order, as a statement to ride on another's round trip. */
function insertingBudgetLines(tx: EntityManager, proposalId: string, lines: readonly BudgetLine[]): RidingStatement {
  return entityRows(tx, ProposalBudgetItemEntity).inserting(
    'budget_added',
    lines.map((line, position) => ({ proposalId, position, ...line })),
  );
}

/** Which proposals a list shows: always within `scopeRegionCode` (the caller's region), narrowed by the rest. */
export interface ProposalListFilter {
  scopeRegionCode: string;
  regionCode?: string;
  status?: ProposalStatus;
  programCode?: string;
  /** Words in the title, description or executing group. */
  text?: string;
  page: number;
  pageSize: number;
}

const OutcomeRow = z
  .object({ village_code: z.string(), status: z.enum(PROPOSAL_STATUSES), returned: z.boolean() })
  .transform((row): SubmittedProposalOutcome => ({ villageCode: row.village_code, status: row.status, returnedOnce: row.returned }));

function toProposal(entity: ProposalEntity): Proposal {
  return {
    id: entity.id,
    programCode: entity.programCode,
    programVersion: entity.programVersion,
    villageCode: entity.villageCode,
    districtCode: entity.districtCode,
    regencyCode: entity.regencyCode,
    title: entity.title,
    category: entity.category,
    description: entity.description,
    executorGroup: entity.executorGroup,
    households: entity.households,
    poorHouseholds: entity.poorHouseholds,
    budgetTotal: entity.budgetTotal,
    selfHelpAmount: entity.selfHelpAmount,
    requestedAmount: entity.requestedAmount,
    selfHelpShareBp: entity.selfHelpShareBp,
    status: entity.status,
    version: entity.version,
    submissionNumber: entity.submissionNumber,
    currentStage: entity.currentStage,
    documents: entity.documents,
    payeeAccount: entity.payeeAccount,
    bkmUserId: entity.bkmUserId,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    submittedAt: entity.submittedAt,
  };
}

function toBudgetLine(item: ProposalBudgetItemEntity): BudgetLine {
  return {
    description: item.description,
    quantityHundredths: item.quantityHundredths,
    unit: item.unit,
    unitPrice: item.unitPrice,
    amount: item.amount,
  };
}

function toTimelineEntry(entry: ProposalTimelineEntryEntity): TimelineEntry {
  return {
    occurredAt: entry.occurredAt,
    kind: entry.kind,
    actor: entry.actor,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    note: entry.note,
    details: entry.details,
  };
}

/**
 * Proposals with their budget lines (RAB) and timelines: every query on the `proposal`,
 * `proposal_budget_item` and `proposal_timeline_entry` tables is here, answered as domain objects.
 */
@Injectable()
export class ProposalRepository {
  /** The proposal, or null; `forUpdate` row-locks it (FOR UPDATE) until the transaction ends. */
  async find(db: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<Proposal | null> {
    // Read on every review event: a statement written once (entityRows) rather than built by findOne each time.
    const rows = entityRows(db, ProposalEntity);
    const sql = options.forUpdate
      ? rows.statement('locked', (columns) => `SELECT ${columns('p')} FROM proposal p WHERE p.id = $1 FOR UPDATE`)
      : rows.statement('by id', (columns) => `SELECT ${columns('p')} FROM proposal p WHERE p.id = $1`);
    const [row]: Array<Record<string, unknown>> = await db.query(sql, [id]);
    return row ? toProposal(rows.hydrate(row, 'p')) : null;
  }

  /** A new proposal with its RAB, as a statement to ride on another's round trip (the audit record's). */
  inserting(tx: EntityManager, proposal: Proposal, lines: readonly BudgetLine[]): RidingStatement {
    const adding = entityRows(tx, ProposalEntity).inserting('proposal_added', [proposal]);
    return lines.length > 0 ? together(adding, insertingBudgetLines(tx, proposal.id, lines)) : adding;
  }

  async update(tx: EntityManager, id: string, changes: ProposalChanges): Promise<void> {
    await runAlone(tx, this.updating(tx, id, changes));
  }

  /** A change of the proposal, as a statement to ride on another's round trip. */
  updating(tx: EntityManager, id: string, changes: ProposalChanges): RidingStatement {
    return entityRows(tx, ProposalEntity).updating('proposal_changed', id, changes);
  }

  /** One page of the proposals a filter selects, the most recently changed first, and how many it selects in all. */
  async list(db: EntityManager, filter: ProposalListFilter): Promise<{ proposals: Proposal[]; total: number }> {
    // Kemendagri codes nest by prefix (14.03 ⊃ 14.03.09 ⊃ 14.03.09.1004), so a region is a code prefix.
    const within = (alias: string, param: string) =>
      new Brackets((q) => q.where(`p.village_code = :${param}`).orWhere(`p.village_code LIKE :${alias}`));
    const qb = db
      .createQueryBuilder(ProposalEntity, 'p')
      .where(within('scopePrefix', 'scope'), { scope: filter.scopeRegionCode, scopePrefix: `${escapeLike(filter.scopeRegionCode)}.%` });
    if (filter.regionCode) {
      qb.andWhere(within('regionPrefix', 'region'), { region: filter.regionCode, regionPrefix: `${escapeLike(filter.regionCode)}.%` });
    }
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.programCode) qb.andWhere('p.program_code = :programCode', { programCode: filter.programCode });
    if (filter.text) {
      qb.andWhere(
        new Brackets((q) => q.where('p.title ILIKE :text').orWhere('p.description ILIKE :text').orWhere('p.executor_group ILIKE :text')),
        { text: `%${escapeLike(filter.text)}%` },
      );
    }
    const [rows, total] = await qb
      .orderBy('p.updated_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { proposals: rows.map(toProposal), total };
  }

  /** The programme's submitted proposals in a regency, with whether each was ever returned. */
  submittedInRegency(db: EntityManager, programCode: string, regencyCode: string): Promise<SubmittedProposalOutcome[]> {
    return queryRows(
      db,
      OutcomeRow,
      `SELECT p.village_code, p.status,
              EXISTS (SELECT 1 FROM proposal_timeline_entry t WHERE t.proposal_id = p.id AND t.to_status = 'RETURNED') AS returned
         FROM proposal p
        WHERE p.program_code = $1 AND p.submission_number > 0 AND p.regency_code = $2`,
      [programCode, regencyCode],
    );
  }

  /** The proposal's RAB, in the BKM's order. */
  async budgetLines(db: EntityManager, proposalId: string): Promise<BudgetLine[]> {
    const rows = entityRows(db, ProposalBudgetItemEntity);
    const sql = rows.statement(
      'of proposal',
      (columns) => `SELECT ${columns('b')} FROM proposal_budget_item b WHERE b.proposal_id = $1 ORDER BY b.position`,
    );
    const found: Array<Record<string, unknown>> = await db.query(sql, [proposalId]);
    return found.map((row) => toBudgetLine(rows.hydrate(row, 'b')));
  }

  /** A proposal's RAB lines are replaced as a whole: the BKM edits the plan, not single cells. */
  async replaceBudgetLines(tx: EntityManager, proposalId: string, lines: readonly BudgetLine[]): Promise<void> {
    await tx.delete(ProposalBudgetItemEntity, { proposalId });
    if (lines.length > 0) await runAlone(tx, insertingBudgetLines(tx, proposalId, lines));
  }

  /**
   * Adds an entry to the timeline; one whose source event is there already adds nothing. Plain SQL: it
   * runs for nearly every event the service handles, and TypeORM's insert builder cost more than the insert.
   * `alongside` (the change the entry tells of) rides on the same round trip.
   */
  async appendTimelineEntry(tx: EntityManager, entry: TimelineEntryDraft, alongside?: RidingStatement): Promise<void> {
    const appending = this.appendingTimelineEntry(entry);
    await runAlone(tx, alongside ? together(alongside, appending) : appending);
  }

  /**
   * Adds an entry to the timeline of a proposal known here, without locking it (an entry changes nothing of
   * the proposal); false, and nothing added, when the proposal is not known here.
   */
  appendTimelineEntryIfKnown(tx: EntityManager, entry: TimelineEntryDraft): Promise<boolean> {
    return runAlone<boolean>(tx, this.appendingTimelineEntry(entry, { ifKnown: true }));
  }

  /**
   * The timeline entry's insert as a statement to ride on another's round trip (the audit record of its change).
   * `ifKnown`: only if the proposal is known here, which the statement's select then answers.
   */
  appendingTimelineEntry(entry: TimelineEntryDraft, { ifKnown = false } = {}): RidingStatement {
    const known = 'EXISTS (SELECT 1 FROM proposal WHERE id = $1::uuid)';
    return {
      with: `timeline_entry AS (
               INSERT INTO proposal_timeline_entry (proposal_id, source_event_id, occurred_at, kind, actor, from_status, to_status, note, details)
               SELECT $1::uuid, $2::text, $3::timestamptz, $4::text, $5::jsonb, $6::text, $7::text, $8::text, $9::jsonb
               ${ifKnown ? `WHERE ${known}` : ''}
               ON CONFLICT DO NOTHING
             )`,
      select: ifKnown ? known : 'NULL',
      params: [
        entry.proposalId,
        entry.sourceEventId,
        entry.occurredAt,
        entry.kind,
        entry.actor ? JSON.stringify(entry.actor) : null,
        entry.fromStatus ?? null,
        entry.toStatus ?? null,
        entry.note ?? null,
        entry.details ? JSON.stringify(entry.details) : null,
      ],
    };
  }

  /** The proposal's timeline, in the order things happened. */
  async timeline(db: EntityManager, proposalId: string): Promise<TimelineEntry[]> {
    const entries = await db.find(ProposalTimelineEntryEntity, { where: { proposalId }, order: { occurredAt: 'ASC', id: 'ASC' } });
    return entries.map(toTimelineEntry);
  }
}
