import { Injectable } from '@nestjs/common';
import { Actor, ConflictError, InvalidInputError, ProposalCategory, ProposalSubmittedV1, requireRole, RefusalCode } from '@alur/contracts';
import { together, Transactions } from '@alur/database';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { programmeDefinition } from '../../programmes/domain/programme-version';
import { ProgrammeRepository } from '../../programmes/programme.repository';
import { budgetInputOf } from '../domain/budget';
import { documentChecklist, missingDocumentErrors } from '../domain/document-checklist';
import { Proposal, ProposalChanges } from '../domain/proposal';
import { assertTransition } from '../domain/proposal-status';
import { checkSubmission } from '../domain/submission-rules';
import { ProposalAccess } from '../proposal-access.service';
import { SubmitProposalCommand } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalRepository } from '../proposal.repository';
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
    private readonly transactions: Transactions,
    private readonly proposals: ProposalRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly access: ProposalAccess,
    private readonly regions: RegionDirectory,
    private readonly history: ProposalHistory,
    private readonly outbox: OutboxService,
  ) {}

  async execute(actor: Actor, command: SubmitProposalCommand): Promise<ProposalView> {
    return this.transactions.run(async (tx) => {
      const proposal = await this.access.visible(tx, actor, command.id, { forUpdate: true });
      requireRole(actor, 'BKM');
      if (command.version !== undefined && command.version !== proposal.version) {
        throw new ConflictError(`The proposal changed since version ${command.version}: reload it`);
      }
      assertTransition(proposal.status, 'SUBMITTED');
      const programme =
        proposal.status === 'DRAFT'
          ? await this.programmes.latestPublished(tx, proposal.programCode)
          : await this.programmes.find(tx, proposal.programCode, proposal.programVersion);
      if (!programme)
        throw new InvalidInputError([
          { field: 'programCode', reason: 'has no published programme of this code', code: RefusalCode.ProgrammeNotPublished },
        ]);
      const definition = programmeDefinition(programme);

      const lines = await this.proposals.budgetLines(tx, proposal.id);
      const check = checkSubmission(
        {
          villageCode: proposal.villageCode,
          title: proposal.title,
          category: proposal.category,
          description: proposal.description,
          executorGroup: proposal.executorGroup,
          beneficiaries:
            proposal.households === null ? null : { households: proposal.households, poorHouseholds: proposal.poorHouseholds ?? 0 },
          budgetItems: budgetInputOf(lines),
          selfHelpAmount: proposal.selfHelpAmount,
          payeeAccount: proposal.payeeAccount,
        },
        definition,
        this.regions,
      );
      // Complete files before review: every kind the programme requires, reported together with any other refusal.
      const missingDocuments = missingDocumentErrors(documentChecklist(definition.requiredDocuments ?? [], proposal.documents));
      if (!check.ok || missingDocuments.length) throw new InvalidInputError([...(check.ok ? [] : check.errors), ...missingDocuments]);

      const before = proposalView(proposal, lines);
      const now = new Date();
      const changes: ProposalChanges = {
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
      const submitted: Proposal = { ...proposal, ...changes };
      const after = proposalView(submitted, lines);
      // The change and its event ride on the audit record's round trip, as ChangeRecorder's do (the proposal's
      // row is locked already): one statement for the four with the timeline entry.
      await this.outbox.recordMany(
        tx,
        ProposalSubmittedV1,
        [
          {
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
              // Checked above: a proposal is submitted only with the account its grant is paid into.
              payeeAccount: submitted.payeeAccount!,
              submissionNumber: submitted.submissionNumber,
              approvalChain: definition.approvalChain,
              reminderSchedule: definition.reminderSchedule,
            },
          },
        ],
        (rows, [event]) =>
          this.history.record(
            tx,
            {
              actor,
              action: submitted.submissionNumber > 1 ? 'proposal.resubmitted' : 'proposal.submitted',
              proposalId: submitted.id,
              fromStatus: before.status,
              toStatus: 'SUBMITTED',
              before,
              after,
              eventId: event.id,
            },
            together(rows, this.proposals.updating(tx, proposal.id, changes)),
          ),
      );
      return after;
    });
  }
}
