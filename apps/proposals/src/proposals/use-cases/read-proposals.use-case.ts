import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, GetProposal, ListProposals, SubmittedContent } from '@alur/contracts';
import { escapeLike } from '@alur/database';
import { ProgrammeCatalogue } from '../../programmes/programme-catalogue.service';
import { documentChecklist } from '../domain/document-checklist';
import { ProposalAccess } from '../proposal-access.service';
import { budgetLinesOf } from '../proposal-budget.store';
import { ListProposalsQuery } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalEntity } from '../proposal.entity';
import { proposalSummaryView, proposalView, ProposalView } from '../proposal.view';

/** Lists and shows proposals, only ever those inside the caller's region. */
@Injectable()
export class ReadProposalsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly history: ProposalHistory,
    private readonly programmes: ProgrammeCatalogue,
    private readonly audit: AuditTrail,
  ) {}

  async list(actor: Actor, query: ListProposalsQuery): Promise<AnswerOf<typeof ListProposals>> {
    // Kemendagri codes nest by prefix (14.03 ⊃ 14.03.09 ⊃ 14.03.09.1004), so a region is a code prefix.
    const within = (alias: string, param: string) =>
      new Brackets((q) => q.where(`p.village_code = :${param}`).orWhere(`p.village_code LIKE :${alias}`));
    const qb = this.dataSource.manager
      .createQueryBuilder(ProposalEntity, 'p')
      .where(within('scopePrefix', 'scope'), { scope: actor.regionCode, scopePrefix: `${escapeLike(actor.regionCode)}.%` });
    if (query.regionCode) {
      qb.andWhere(within('regionPrefix', 'region'), { region: query.regionCode, regionPrefix: `${escapeLike(query.regionCode)}.%` });
    }
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.programCode) qb.andWhere('p.program_code = :programCode', { programCode: query.programCode });
    if (query.q) {
      qb.andWhere(
        new Brackets((q) => q.where('p.title ILIKE :text').orWhere('p.description ILIKE :text').orWhere('p.executor_group ILIKE :text')),
        { text: `%${escapeLike(query.q)}%` },
      );
    }
    const [rows, total] = await qb
      .orderBy('p.updated_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(proposalSummaryView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(actor: Actor, id: string): Promise<AnswerOf<typeof GetProposal>> {
    const manager = this.dataSource.manager;
    const proposal = await this.access.visible(manager, actor, id);
    const programme = await this.programmes.version(proposal.programCode, proposal.programVersion, manager);
    return {
      ...proposalView(proposal, await budgetLinesOf(manager, id), await this.history.timeline(id, manager)),
      // What the programme asks for beside what the proposal carries, for officials to check the files.
      documentChecklist: documentChecklist(programme?.requiredDocuments ?? [], proposal.documents),
      // For the officials who review a resubmission: what the previous submission said, to see what changed.
      ...(actor.role !== 'BKM' && proposal.submissionNumber > 1
        ? { previousSubmission: await this.submitted(manager, id, proposal.submissionNumber - 1) }
        : {}),
    };
  }

  /**
   * A proposal as it was submitted the `n`th time: the append-only audit trail keeps every submission's
   * content (the `after` of its submitted/resubmitted record), so nothing else needs to store it.
   */
  private async submitted(manager: EntityManager, id: string, n: number): Promise<SubmittedContent | null> {
    const records = await this.audit.history('proposal', id, manager);
    const record = records.find((r) => SUBMISSION_ACTIONS.includes(r.action) && (r.after as ProposalView | null)?.submissionNumber === n);
    if (!record) return null;
    const view = record.after as ProposalView;
    return {
      submissionNumber: n,
      submittedAt: view.submittedAt,
      title: view.title,
      category: view.category,
      description: view.description,
      executorGroup: view.executorGroup,
      beneficiaries: view.beneficiaries,
      budgetItems: view.budgetItems,
      budgetTotal: view.budgetTotal,
      selfHelpAmount: view.selfHelpAmount,
      requestedAmount: view.requestedAmount,
      selfHelpShareBp: view.selfHelpShareBp,
      documents: view.documents,
    };
  }
}

const SUBMISSION_ACTIONS = ['proposal.submitted', 'proposal.resubmitted'];
