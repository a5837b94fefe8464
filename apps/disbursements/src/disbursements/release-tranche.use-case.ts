import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, ConflictError, formatRupiah, InvalidInputError, ReleaseTranche, RequestOf, TrancheReleasedV1 } from '@alur/contracts';
import { OutboxService, requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { requestHashOf, rupiahOf } from '@alur/database';
import { inIdempotentTransaction, replayOf, storeAnswer } from '../common/idempotency';
import { FiscalCalendar } from '../fiscal-calendar/fiscal-calendar.service';
import { TrancheProgression } from '../tranches/tranche-progression.service';
import { DisbursementStatus } from './disbursement-row';
import { lockTranche, refuseFinishedOrLocked, refuseSamePerson, refuseStageDeciders, sp2dTaken, trancheCountOf } from './locked-tranche';

export type ReleaseTrancheRequest = RequestOf<typeof ReleaseTranche>;
/** What a release answers, the first time and every time the same request comes again. */
export type TrancheReleaseResult = AnswerOf<typeof ReleaseTranche>;

const OPERATION = 'tranche.release';
/** SP2D dates come from the treasury's own clock; a few minutes ahead of ours is not "the future". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The second of a release's two steps: a BPKAD official other than the one who prepared the SPM
 * authorises it (the SP2D), confirming its SP2D number, and the tranche is released exactly once.
 * Nobody who decided an approval stage of the proposal may authorise it. The disbursement and
 * tranche rows are locked (SELECT … FOR UPDATE), so concurrent requests for one tranche run one after
 * another; the idempotency key and the answer are stored in the same transaction as the release, so a
 * repeated request (same key, same content) gets the stored answer and releases nothing more.
 */
@Injectable()
export class ReleaseTrancheUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly progression: TrancheProgression,
    private readonly calendar: FiscalCalendar,
  ) {}

  async execute(actor: Actor, request: ReleaseTrancheRequest): Promise<TrancheReleaseResult> {
    requireRole(actor, 'BPKAD');
    // The shape is the contract's (ReleaseTranche); whether the SP2D date lies ahead of our clock is checked here.
    const releasedAt = new Date(request.releasedAt);
    if (releasedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new InvalidInputError([{ field: 'releasedAt', reason: 'must not be in the future' }]);
    }
    const requestHash = requestHashOf({
      operation: OPERATION,
      disbursementId: request.disbursementId,
      trancheNumber: request.trancheNumber,
      sp2dNumber: request.sp2dNumber,
      releasedAt: releasedAt.toISOString(),
    });
    return inIdempotentTransaction(
      this.dataSource,
      request.idempotencyKey,
      requestHash,
      (tx) => this.release(tx, actor, request, releasedAt, requestHash),
      { tranche_sp2d_number: () => sp2dTaken(request.sp2dNumber) },
    );
  }

  private async release(
    tx: EntityManager,
    actor: Actor,
    request: ReleaseTrancheRequest,
    releasedAt: Date,
    requestHash: string,
  ): Promise<TrancheReleaseResult> {
    const { disbursement, tranche } = await lockTranche(tx, this.regions, actor, request.disbursementId, request.trancheNumber);
    // Checked under the tranche's lock: a concurrent twin has committed its key by now, or not started.
    const replay = await replayOf<TrancheReleaseResult>(tx, request.idempotencyKey, requestHash);
    if (replay) return replay;

    refuseStageDeciders(actor, disbursement, 'authorise');
    refuseFinishedOrLocked(tranche);
    if (tranche.status !== 'PREPARED' || !tranche.prepared_by) {
      throw new ConflictError(`Tranche ${tranche.number} has no SPM to authorise: one BPKAD official prepares it first, then another authorises it`, {
        code: 'SPM_NOT_PREPARED',
      });
    }
    refuseSamePerson(actor, tranche.prepared_by, 'authorising it');
    // The authoriser confirms the SP2D number they saw: an SPM returned and prepared again meanwhile is not authorised unseen.
    if (request.sp2dNumber !== tranche.spm_sp2d_number) {
      throw new ConflictError(`The SPM waiting for authorisation is for SP2D ${tranche.spm_sp2d_number}, not ${request.sp2dNumber}: look at it again`, {
        code: 'SPM_CHANGED',
        errors: [{ field: 'sp2dNumber', reason: `the prepared SPM is for ${tranche.spm_sp2d_number}` }],
      });
    }
    // Releases stop at the fiscal year's closing: neither an SP2D dated after it nor one recorded after it counts.
    const closing = await this.calendar.closingOf(tx, disbursement.regency_code, disbursement.fiscal_year);
    if (releasedAt >= closing.releasesCloseAt || new Date() >= closing.releasesCloseAt) {
      throw new ConflictError(
        `Releases for fiscal year ${disbursement.fiscal_year} closed on ${this.calendar.describe(closing)}: tranche ${tranche.number} ` +
          `(${formatRupiah(rupiahOf(tranche.amount))}) was not released in time and carries over as SiLPA`,
      );
    }
    const preparedBy = tranche.prepared_by;

    const amount = rupiahOf(tranche.amount);
    await tx.query(
      `UPDATE tranche SET status = 'RELEASED', sp2d_number = $3, released_at = $4, released_by = $5, recorded_at = now()
        WHERE disbursement_id = $1 AND number = $2`,
      [disbursement.id, tranche.number, request.sp2dNumber, releasedAt, JSON.stringify(actor)],
    );
    await tx.query('UPDATE disbursement SET released = released + $2 WHERE id = $1', [disbursement.id, tranche.amount]);
    await tx.query(
      'UPDATE budget_ceiling SET released = released + $4, updated_at = now() WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3',
      [disbursement.program_code, disbursement.fiscal_year, disbursement.ceiling_region_code, tranche.amount],
    );
    const count = await trancheCountOf(tx, disbursement.id);
    await this.outbox.record(tx, TrancheReleasedV1, {
      aggregateId: disbursement.proposal_id,
      actor,
      payload: {
        proposalId: disbursement.proposal_id,
        disbursementId: disbursement.id,
        villageCode: disbursement.village_code,
        trancheNumber: tranche.number,
        trancheCount: count,
        amount,
        sp2dNumber: request.sp2dNumber,
        releasedAt: releasedAt.toISOString(),
        releasedBy: actor,
        preparedBy,
      },
    });
    await this.audit.record(tx, {
      actor,
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
    });
    await this.progression.advance(tx, disbursement, actor);
    const [{ status }] = (await tx.query('SELECT status FROM disbursement WHERE id = $1', [disbursement.id])) as Array<{ status: DisbursementStatus }>;

    const result: TrancheReleaseResult = {
      disbursementId: disbursement.id,
      proposalId: disbursement.proposal_id,
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
    return storeAnswer(tx, request.idempotencyKey, OPERATION, requestHash, result, actor);
  }
}
