import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Actor,
  AnswerOf,
  ConflictError,
  formatRupiah,
  InvalidInputError,
  ReleaseTranche,
  RequestOf,
  requireRole,
  TrancheReleasedV1,
  RefusalCode,
} from '@alur/contracts';
import { ChangeRecorder } from '@alur/messaging';
import { together, Transactions } from '@alur/database';
import { BudgetCeilingRepository } from '../../budgets/budget-ceiling.repository';
import { FiscalCalendar } from '../../fiscal-calendar/fiscal-calendar.service';
import { TrancheProgression } from '../../tranches/tranche-progression.service';
import { TrancheRepository } from '../../tranches/tranche.repository';
import { DisbursementRepository } from '../disbursement.repository';
import { refuseFinishedOrLocked, refuseSamePerson, refuseStageDeciders, refusingTakenSp2d } from '../domain/release-rules';
import { TrancheLocks } from '../locked-tranche';

export type ReleaseTrancheRequest = RequestOf<typeof ReleaseTranche>;
/** What a release answers, the first time and every time the same request comes again. */
export type TrancheReleaseResult = AnswerOf<typeof ReleaseTranche>;

/** SP2D dates come from the treasury's own clock; a few minutes ahead of ours is not "the future". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The second of a release's two steps: a BPKAD official other than the one who prepared the SPM
 * authorises it (the SP2D), confirming its SP2D number, and the tranche is released exactly once.
 * Nobody who decided an approval stage of the proposal may authorise it. The disbursement and
 * tranche rows are locked (SELECT … FOR UPDATE), so concurrent requests for one tranche run one after
 * another. The Idempotency-Key is the platform's (IdempotentRequests, around every RPC that carries one):
 * claimed in the release's transaction with its audit record, so a repeated request (same key, same
 * content) finds the tranche released, or the key taken, and gets the first answer; it releases nothing more.
 */
@Injectable()
export class ReleaseTrancheUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly locks: TrancheLocks,
    private readonly disbursements: DisbursementRepository,
    private readonly tranches: TrancheRepository,
    private readonly ceilings: BudgetCeilingRepository,
    private readonly changes: ChangeRecorder,
    private readonly progression: TrancheProgression,
    private readonly calendar: FiscalCalendar,
  ) {}

  async execute(actor: Actor, request: ReleaseTrancheRequest): Promise<TrancheReleaseResult> {
    requireRole(actor, 'BPKAD');
    // The shape is the contract's (ReleaseTranche); whether the SP2D date lies ahead of our clock is checked here.
    const releasedAt = new Date(request.releasedAt);
    if (releasedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new InvalidInputError([{ field: 'releasedAt', reason: 'must not be in the future', code: RefusalCode.InFuture }]);
    }
    return refusingTakenSp2d(request.sp2dNumber, 'tranche_sp2d_number', () =>
      this.transactions.run((tx) => this.release(tx, actor, request, releasedAt)),
    );
  }

  private async release(tx: EntityManager, actor: Actor, request: ReleaseTrancheRequest, releasedAt: Date): Promise<TrancheReleaseResult> {
    const { disbursement, tranche, trancheCount: count } = await this.locks.lock(tx, actor, request.disbursementId, request.trancheNumber);

    refuseStageDeciders(actor, disbursement, 'authorise');
    refuseFinishedOrLocked(tranche);
    if (tranche.status !== 'PREPARED' || !tranche.preparedBy) {
      throw new ConflictError(
        `Tranche ${tranche.number} has no SPM to authorise: one BPKAD official prepares it first, then another authorises it`,
        {
          code: RefusalCode.SpmNotPrepared,
        },
      );
    }
    refuseSamePerson(actor, tranche.preparedBy, 'authorising it');
    // The authoriser confirms the SP2D number they saw: an SPM returned and prepared again meanwhile is not authorised unseen.
    if (request.sp2dNumber !== tranche.spmSp2dNumber) {
      throw new ConflictError(
        `The SPM waiting for authorisation is for SP2D ${tranche.spmSp2dNumber}, not ${request.sp2dNumber}: look at it again`,
        {
          code: RefusalCode.SpmChanged,
          errors: [{ field: 'sp2dNumber', reason: `the prepared SPM is for ${tranche.spmSp2dNumber}`, code: RefusalCode.SpmChanged }],
        },
      );
    }
    // Releases stop at the fiscal year's closing: neither an SP2D dated after it nor one recorded after it counts.
    const closing = await this.calendar.closingOf(tx, disbursement.regencyCode, disbursement.fiscalYear);
    if (releasedAt >= closing.releasesCloseAt || new Date() >= closing.releasesCloseAt) {
      throw new ConflictError(
        `Releases for fiscal year ${disbursement.fiscalYear} closed on ${this.calendar.describe(closing)}: tranche ${tranche.number} ` +
          `(${formatRupiah(tranche.amount)}) was not released in time and carries over as SiLPA`,
      );
    }
    const preparedBy = tranche.preparedBy;

    const amount = tranche.amount;
    // The ceiling's row is shared with every proposal under it: locked before the audit chain's head, as a
    // commitment locks them. The tranche and its disbursement, locked above, ride on the audit record's round trip.
    await this.ceilings.addReleased(
      tx,
      { programCode: disbursement.programCode, fiscalYear: disbursement.fiscalYear, regionCode: disbursement.ceilingRegionCode },
      amount,
    );
    const released = together(
      this.tranches.markingReleased(disbursement.id, tranche.number, { sp2dNumber: request.sp2dNumber, releasedAt, releasedBy: actor }),
      this.disbursements.addingReleased(disbursement.id, amount),
    );
    await this.changes.record(tx, {
      alongside: released,
      announce: {
        contract: TrancheReleasedV1,
        aggregateId: disbursement.proposalId,
        actor,
        payload: {
          proposalId: disbursement.proposalId,
          disbursementId: disbursement.id,
          villageCode: disbursement.villageCode,
          trancheNumber: tranche.number,
          trancheCount: count,
          amount,
          sp2dNumber: request.sp2dNumber,
          releasedAt: releasedAt.toISOString(),
          releasedBy: actor,
          preparedBy,
        },
      },
      audit: {
        action: 'tranche.released',
        entityType: 'tranche',
        entityId: `${disbursement.id}/${tranche.number}`,
        fromStatus: 'PREPARED',
        toStatus: 'RELEASED',
        after: {
          amount,
          sp2dNumber: request.sp2dNumber,
          releasedAt: releasedAt.toISOString(),
          preparedBy: preparedBy.username,
          idempotencyKey: request.idempotencyKey,
        },
      },
    });
    const status = await this.progression.advance(tx, disbursement, actor);

    return {
      disbursementId: disbursement.id,
      proposalId: disbursement.proposalId,
      trancheNumber: tranche.number,
      trancheCount: count,
      amount,
      sp2dNumber: request.sp2dNumber,
      releasedAt: releasedAt.toISOString(),
      preparedBy: { userId: preparedBy.userId, username: preparedBy.username },
      authorisedBy: { userId: actor.userId, username: actor.username },
      status: 'RELEASED',
      disbursementStatus: status,
      message: `Termin ${tranche.number} dari ${count} sebesar ${formatRupiah(amount)} telah dicairkan dengan SP2D ${request.sp2dNumber}.`,
    };
  }
}
