import { Injectable } from '@nestjs/common';
import { Actor, AnswerOf, ListProposalStages, NotFoundError } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { ActingAppointmentRepository } from '../../acting/acting-appointment.repository';
import { decisionAuthority } from '../../decisions/domain/decision-authority';
import { stageAlreadyDecidedBy } from '../../decisions/domain/separation-of-stages';
import { ApprovalStageRepository } from '../approval-stage.repository';
import { toStageView } from '../approval-stage.view';

/**
 * Every stage of a proposal, all submissions, in order: who decided what, when, and for whom. An open
 * stage the caller may decide says so (`yourDecision`), with the official they would act for as Plt/Plh,
 * by the same rules the decision itself is checked against.
 */
@Injectable()
export class ListProposalStagesUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly stages: ApprovalStageRepository,
    private readonly appointments: ActingAppointmentRepository,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor, proposalId: string): Promise<AnswerOf<typeof ListProposalStages>> {
    // proposalId is a UUID: the contract (ListProposalStages) checked it before this runs.
    const notFound = new NotFoundError('Proposal not found');
    const db = this.transactions.manager;
    const stages = await this.stages.ofProposal(db, proposalId);
    if (stages.length === 0 || !this.regions.covers(actor.regionCode, stages[0].villageCode)) throw notFound;
    const now = new Date();
    const appointments = stages.some((s) => s.status === 'OPEN') ? await this.appointments.activeFor(db, actor.userId, now) : [];
    return stages.map((stage) => {
      const view = toStageView(stage, now);
      if (stage.status !== 'OPEN') return view;
      const authority = decisionAuthority(actor, stage, appointments, (region, village) => this.regions.covers(region, village));
      if (authority.kind !== 'own' && authority.kind !== 'acting') return view;
      const decided = stages
        .filter((s) => s.submissionNumber === stage.submissionNumber && s.decidedBy && s.status !== 'OPEN')
        .map((s) => ({ stageOrder: s.stageOrder, role: s.role, decidedBy: s.decidedBy! }));
      if (stageAlreadyDecidedBy(authority.decidedBy, decided)) return view;
      return { ...view, yourDecision: { actingFor: authority.decidedBy.actingFor ?? null } };
    });
  }
}
