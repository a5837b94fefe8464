import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ActingAppointmentEndedV1,
  ActingAppointmentMadeV1,
  ApprovalReminderDueV1,
  ApprovalStageDecidedV1,
  ApprovalStageEscalatedV1,
  ApprovalStageOpenedV1,
  BudgetCommittedV1,
  EventContract,
  EventEnvelope,
  PayloadOf,
  ProgrammePublishedV1,
  ProgressReportVerifiedV1,
  ProgressReportedV1,
  ProposalApprovedV1,
  ProposalAwaitingBudgetV1,
  ProposalCompletedV1,
  ProposalRejectedV1,
  ProposalReturnedV1,
  ProposalSubmittedV1,
  ProposalWithdrawnV1,
  SpmReturnedV1,
  TranchePreparedV1,
  TrancheReadyV1,
  TrancheReleasedV1,
  UserSavedV1,
} from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { DirectoryRepository } from '../directory/directory.repository';
import * as plans from '../recipients/domain/notification-plans';
import { NotifyRecipientsUseCase } from './use-cases/notify-recipients.use-case';

type Event<C extends EventContract> = EventEnvelope<PayloadOf<C>>;

const leading = (code: string, segments: number) => code.split('.').slice(0, segments).join('.');

/** How many of the proposals waiting for a post a newly appointed Plt's message names; the inbox holds the rest. */
const AWAITING_LISTED = 10;

/**
 * Every event the notifications service listens to. Each handler keeps the service's copies up to
 * date (users, appointments, proposal titles and open stages, programme names) and hands the event's planned
 * notifications to the notifier, all in the transaction its inbox record commits in. A proposal's
 * title and open stage ride on the statement that adds the notifications, which does not read them.
 */
@Injectable()
export class NotificationEventHandlers {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly notify: NotifyRecipientsUseCase,
    private readonly regions: RegionDirectory,
  ) {}

  // By the official list; a code it lacks, by the code's own segments (kabupaten 14.03, kecamatan 14.03.09).
  private readonly regencyOf = (villageCode: string): string => this.regions.regencyOf(villageCode)?.code ?? leading(villageCode, 2);
  private readonly districtOf = (villageCode: string): string => this.regions.districtOf(villageCode)?.code ?? leading(villageCode, 3);

  @HandleEvent(UserSavedV1)
  async onUserSaved(event: Event<typeof UserSavedV1>, tx: EntityManager): Promise<void> {
    await this.directory.saveUser(tx, event.payload);
  }

  @HandleEvent(ActingAppointmentMadeV1)
  async onActingAppointmentMade(event: Event<typeof ActingAppointmentMadeV1>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    const appointment = plans.actingAppointmentOf(p);
    await this.directory.saveAppointment(tx, appointment);
    const absent = await this.directory.findUser(tx, p.actingFor.userId);
    // In force by the time the Plt is told (the period may start a moment after the event was recorded).
    const at = new Date(Math.max(Date.parse(event.occurredAt), Date.now()));
    const inForce = appointment.validFrom <= at && at < appointment.validUntil;
    const awaiting = inForce ? await this.directory.proposalsAwaiting(tx, p, AWAITING_LISTED) : undefined;
    await this.notify.execute(
      tx,
      event,
      plans.planActingAppointmentMade(
        p,
        absent?.displayName ?? p.actingFor.username,
        awaiting && {
          count: awaiting.count,
          items: awaiting.items.map(({ title, villageCode }) => ({
            title,
            villageName: this.regions.get(villageCode)?.name ?? villageCode,
          })),
        },
      ),
    );
  }

  @HandleEvent(ActingAppointmentEndedV1)
  async onActingAppointmentEnded(event: Event<typeof ActingAppointmentEndedV1>, tx: EntityManager): Promise<void> {
    await this.directory.endAppointment(tx, event.payload.appointmentId, event.payload.validUntil);
  }

  /** Messages name a proposal's programme as the console does, by its latest version's name. */
  @HandleEvent(ProgrammePublishedV1)
  async onProgrammePublished(event: Event<typeof ProgrammePublishedV1>, tx: EntityManager): Promise<void> {
    await this.directory.saveProgrammeName(tx, event.payload);
  }

  @HandleEvent(ProposalSubmittedV1)
  async onProposalSubmitted(event: Event<typeof ProposalSubmittedV1>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    await this.notify.execute(
      tx,
      event,
      plans.planProposalSubmitted(p),
      this.directory.rememberingProposal(p.proposalId, p.title, p.villageCode),
    );
  }

  @HandleEvent(ProposalWithdrawnV1)
  async onProposalWithdrawn(event: Event<typeof ProposalWithdrawnV1>, tx: EntityManager): Promise<void> {
    const openStage = (await this.directory.proposal(tx, event.payload.proposalId))?.openStage ?? null;
    const closed = this.directory.settingOpenStage(event.payload.proposalId, null);
    await this.notify.execute(tx, event, plans.planProposalWithdrawn(event.payload, openStage), closed);
  }

  @HandleEvent(ApprovalStageOpenedV1)
  async onStageOpened(event: Event<typeof ApprovalStageOpenedV1>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    const remembered = this.directory.rememberingProposal(p.proposalId, p.title, p.villageCode, { role: p.role, regionCode: p.regionCode });
    await this.notify.execute(tx, event, plans.planStageOpened(p), remembered);
  }

  @HandleEvent(ApprovalStageDecidedV1)
  async onStageDecided(event: Event<typeof ApprovalStageDecidedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(
      tx,
      event,
      plans.planStageDecided(event.payload),
      this.directory.settingOpenStage(event.payload.proposalId, null),
    );
  }

  @HandleEvent(ProposalReturnedV1)
  async onProposalReturned(event: Event<typeof ProposalReturnedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planProposalReturned(event.payload));
  }

  @HandleEvent(ProposalRejectedV1)
  async onProposalRejected(event: Event<typeof ProposalRejectedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planProposalRejected(event.payload));
  }

  @HandleEvent(ProposalApprovedV1)
  async onProposalApproved(event: Event<typeof ProposalApprovedV1>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    await this.notify.execute(
      tx,
      event,
      plans.planProposalApproved(p),
      this.directory.rememberingProposal(p.proposalId, p.title, p.villageCode),
    );
  }

  @HandleEvent(ApprovalReminderDueV1)
  async onReminderDue(event: Event<typeof ApprovalReminderDueV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planReminderDue(event.payload));
  }

  @HandleEvent(ApprovalStageEscalatedV1)
  async onStageEscalated(event: Event<typeof ApprovalStageEscalatedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planStageEscalated(event.payload));
  }

  @HandleEvent(BudgetCommittedV1)
  async onBudgetCommitted(event: Event<typeof BudgetCommittedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planBudgetCommitted(event.payload));
  }

  @HandleEvent(ProposalAwaitingBudgetV1)
  async onAwaitingBudget(event: Event<typeof ProposalAwaitingBudgetV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planAwaitingBudget(event.payload, this.regencyOf));
  }

  @HandleEvent(TrancheReadyV1)
  async onTrancheReady(event: Event<typeof TrancheReadyV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planTrancheReady(event.payload, this.regencyOf));
  }

  @HandleEvent(TranchePreparedV1)
  async onTranchePrepared(event: Event<typeof TranchePreparedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planSpmPrepared(event.payload, this.regencyOf));
  }

  @HandleEvent(SpmReturnedV1)
  async onSpmReturned(event: Event<typeof SpmReturnedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planSpmReturned(event.payload));
  }

  @HandleEvent(TrancheReleasedV1)
  async onTrancheReleased(event: Event<typeof TrancheReleasedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planTrancheReleased(event.payload));
  }

  @HandleEvent(ProgressReportedV1)
  async onProgressReported(event: Event<typeof ProgressReportedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planProgressReported(event.payload, this.districtOf, this.regencyOf));
  }

  @HandleEvent(ProgressReportVerifiedV1)
  async onProgressReportVerified(event: Event<typeof ProgressReportVerifiedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planProgressVerified(event.payload));
  }

  @HandleEvent(ProposalCompletedV1)
  async onProposalCompleted(event: Event<typeof ProposalCompletedV1>, tx: EntityManager): Promise<void> {
    await this.notify.execute(tx, event, plans.planProposalCompleted(event.payload));
  }
}
