import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, ConflictError, InvalidInputError, ProposalCategory, ProposalSubmittedV1 } from '@alur/contracts';
import { OutboxService, requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { ProgrammeCatalogue } from '../../programmes/programme-catalogue.service';
import { assertTransition } from '../domain/proposal-status';
import { documentChecklist, missingDocumentErrors } from '../domain/document-checklist';
import { checkSubmission } from '../domain/submission-rules';
import { ProposalAccess } from '../proposal-access.service';
import { asBudgetInput, budgetLinesOf } from '../proposal-budget.store';
import { SubmitProposalCommand } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalEntity } from '../proposal.entity';
import { proposalView, ProposalView } from '../proposal.view';

/**
 * Submits a draft, or resubmits a returned proposal, after checking it against its programme (its
 * rules and its documents checklist). A
 * first submission binds the proposal to the programme's latest published version; a resubmission
 * keeps the version (and so the chain) it was first submitted under. Announced as ProposalSubmittedV1.
 */
@Injectable()
export class SubmitProposalUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly programmes: ProgrammeCatalogue,
    private readonly regions: RegionDirectory,
    private readonly history: ProposalHistory,
    private readonly outbox: OutboxService,
  ) {}

  async execute(actor: Actor, command: SubmitProposalCommand): Promise<ProposalView> {
    return this.dataSource.transaction(async (tx) => {
      const proposal = await this.access.visible(tx, actor, command.id, { forUpdate: true });
      requireRole(actor, 'BKM');
      if (command.version !== undefined && command.version !== proposal.version) {
        throw new ConflictError(`The proposal changed since version ${command.version}: reload it`);
      }
      assertTransition(proposal.status, 'SUBMITTED');
      const programme =
        proposal.status === 'DRAFT'
          ? await this.programmes.latestPublished(proposal.programCode, tx)
          : await this.programmes.version(proposal.programCode, proposal.programVersion, tx);
      if (!programme) throw new InvalidInputError([{ field: 'programCode', reason: 'has no published programme of this code' }]);
      const definition = programme.definition();

      const items = await budgetLinesOf(tx, proposal.id);
      const check = checkSubmission(
        {
          villageCode: proposal.villageCode,
          title: proposal.title,
          category: proposal.category,
          description: proposal.description,
          executorGroup: proposal.executorGroup,
          beneficiaries:
            proposal.households === null ? null : { households: proposal.households, poorHouseholds: proposal.poorHouseholds ?? 0 },
          budgetItems: asBudgetInput(items),
          selfHelpAmount: proposal.selfHelpAmount,
        },
        definition,
        this.regions,
      );
      // Complete files before review: every kind the programme requires, reported together with any other refusal.
      const missingDocuments = missingDocumentErrors(documentChecklist(definition.requiredDocuments ?? [], proposal.documents));
      if (!check.ok || missingDocuments.length) throw new InvalidInputError([...(check.ok ? [] : check.errors), ...missingDocuments]);

      const before = proposalView(proposal, items);
      const now = new Date();
      const changes: Partial<ProposalEntity> = {
        status: 'SUBMITTED',
        programVersion: programme.version,
        budgetTotal: check.figures.budgetTotal,
        requestedAmount: check.figures.requestedAmount,
        selfHelpShareBp: check.figures.selfHelpShareBp,
        submissionNumber: proposal.submissionNumber + 1,
        currentStage: null,
        version: proposal.version + 1,
        submittedAt: now,
        updatedAt: now,
      };
      await tx.update(ProposalEntity, { id: proposal.id }, changes);
      const submitted = Object.assign(proposal, changes);
      const event = await this.outbox.record(tx, ProposalSubmittedV1, {
        aggregateId: submitted.id,
        actor,
        payload: {
          proposalId: submitted.id,
          programCode: submitted.programCode,
          programVersion: submitted.programVersion,
          villageCode: submitted.villageCode,
          districtCode: submitted.districtCode,
          regencyCode: submitted.regencyCode,
          title: submitted.title,
          category: submitted.category as ProposalCategory,
          budgetTotal: submitted.budgetTotal,
          selfHelpAmount: submitted.selfHelpAmount,
          requestedAmount: submitted.requestedAmount,
          bkmUserId: submitted.bkmUserId,
          submissionNumber: submitted.submissionNumber,
          approvalChain: definition.approvalChain,
          reminderSchedule: definition.reminderSchedule,
        },
      });
      const after = proposalView(submitted, items);
      await this.history.record(tx, {
        actor,
        action: submitted.submissionNumber > 1 ? 'proposal.resubmitted' : 'proposal.submitted',
        proposalId: submitted.id,
        fromStatus: before.status,
        toStatus: 'SUBMITTED',
        before,
        after,
        eventId: event.id,
      });
      return after;
    });
  }
}
