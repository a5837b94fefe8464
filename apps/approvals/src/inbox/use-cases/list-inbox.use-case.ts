import { Injectable } from '@nestjs/common';
import { Actor, AnswerOf, ListInbox, RequestOf } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { stageAlreadyDecidedBy } from '../../decisions/domain/separation-of-stages';
import { StageDecisionRecord } from '../../stages/domain/approval-stage';
import { InboxFilter, InboxPageRows, InboxRepository, WaitingStage } from '../inbox.repository';

export type InboxQuery = RequestOf<typeof ListInbox>;
export type InboxPage = AnswerOf<typeof ListInbox>;

/**
 * The stages waiting for the caller, oldest first: those of their own role and region, and those of
 * the officials they act for (Plt/Plh) under an appointment active now. Searchable by title or
 * village name, filterable by programme and by being overdue, paged by number.
 */
@Injectable()
export class ListInboxUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly inbox: InboxRepository,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor, query: InboxQuery, now = new Date()): Promise<InboxPage> {
    // Page limits and the filters' shapes are the contract's (ListInbox), checked before this runs.
    const { page, pageSize } = query;
    const filter: InboxFilter = { programCode: query.programCode, overdue: query.overdue };
    const db = this.transactions.manager;
    const q = query.q?.trim();
    if (q) {
      // Region names live in the region directory, not in the tables: match the villages waiting here by their
      // own name or their kecamatan's (a regency official works through one kecamatan's proposals at a time).
      const needle = q.toLocaleLowerCase('id');
      const named = (name: string | undefined) => name?.toLocaleLowerCase('id').includes(needle) ?? false;
      const villageCodes = (await this.inbox.villagesWaitingFor(db, actor, now)).filter(
        (code) => named(this.regions.get(code)?.name) || named(this.regions.districtOf(code)?.name),
      );
      filter.search = { text: q, villageCodes };
    }
    // The page, its count and the decided stages come from one statement: one snapshot, so they agree, without a transaction.
    const { total, stages, decided } = await this.inbox.pageFor(db, actor, filter, now, { limit: pageSize, offset: (page - 1) * pageSize });
    const decidedOf = decidedBySubmission(decided);
    const own = (stage: WaitingStage) => stage.role === actor.role && stage.regionCode === actor.regionCode;
    const earlierOf = (stage: WaitingStage) => {
      const actingFor = !own(stage) && stage.actingFor ? { ...stage.actingFor, role: stage.role, regionCode: stage.regionCode } : undefined;
      const earlier = stageAlreadyDecidedBy({ ...actor, actingFor }, decidedOf.get(`${stage.proposalId}#${stage.submissionNumber}`) ?? []);
      return earlier ? { order: earlier.stageOrder, role: earlier.role } : null;
    };
    return {
      page,
      pageSize,
      total,
      items: stages.map((stage) => ({
        stageId: stage.id,
        proposal: {
          proposalId: stage.proposalId,
          submissionNumber: stage.submissionNumber,
          title: stage.title,
          programCode: stage.programCode,
          programVersion: stage.programVersion,
          category: stage.category,
          villageCode: stage.villageCode,
          villageName: this.regions.get(stage.villageCode)?.name ?? null,
          districtCode: stage.districtCode,
          requestedAmount: stage.requestedAmount,
        },
        stage: {
          order: stage.stageOrder,
          count: stage.stageCount,
          role: stage.role,
          regionLevel: stage.regionLevel,
          regionCode: stage.regionCode,
        },
        openedAt: stage.openedAt.toISOString(),
        dueAt: stage.dueAt.toISOString(),
        overdue: now.getTime() > stage.dueAt.getTime(),
        actingFor: !own(stage) ? stage.actingFor : null,
        decidedEarlierStage: earlierOf(stage),
      })),
    };
  }
}

/** The decided stages of the page's submissions, by `proposalId#submissionNumber`. */
function decidedBySubmission(decided: InboxPageRows['decided']): Map<string, StageDecisionRecord[]> {
  const byKey = new Map<string, StageDecisionRecord[]>();
  for (const { proposalId, submissionNumber, ...stage } of decided) {
    const key = `${proposalId}#${submissionNumber}`;
    byKey.set(key, [...(byKey.get(key) ?? []), stage]);
  }
  return byKey;
}
