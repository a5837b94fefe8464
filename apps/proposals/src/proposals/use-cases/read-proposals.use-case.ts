import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, GetProposal, ListProposals, SubmittedContent } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ProgrammeRepository } from '../../programmes/programme.repository';
import { documentChecklist } from '../domain/document-checklist';
import { ProposalAccess } from '../proposal-access.service';
import { ListProposalsQuery } from '../proposal-commands';
import { ProposalRepository } from '../proposal.repository';
import { proposalSummaryView, proposalView, ProposalView } from '../proposal.view';

/** Lists and shows proposals, only ever those inside the caller's region. */
@Injectable()
export class ReadProposalsUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly proposals: ProposalRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly access: ProposalAccess,
    private readonly audit: AuditTrail,
  ) {}

  async list(actor: Actor, query: ListProposalsQuery): Promise<AnswerOf<typeof ListProposals>> {
    const { proposals, total } = await this.proposals.list(this.transactions.manager, {
      scopeRegionCode: actor.regionCode,
      regionCode: query.regionCode,
      status: query.status,
      programCode: query.programCode,
      text: query.q,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { items: proposals.map(proposalSummaryView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(actor: Actor, id: string): Promise<AnswerOf<typeof GetProposal>> {
    const manager = this.transactions.manager;
    const proposal = await this.access.visible(manager, actor, id);
    const programme = await this.programmes.find(manager, proposal.programCode, proposal.programVersion);
    return {
      ...proposalView(proposal, await this.proposals.budgetLines(manager, id), await this.proposals.timeline(manager, id)),
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
      // A submission made before proposals named an account has none in its record.
      payeeAccount: view.payeeAccount ?? null,
      budgetTotal: view.budgetTotal,
      selfHelpAmount: view.selfHelpAmount,
      requestedAmount: view.requestedAmount,
      selfHelpShareBp: view.selfHelpShareBp,
      documents: view.documents,
    };
  }
}

const SUBMISSION_ACTIONS = ['proposal.submitted', 'proposal.resubmitted'];
