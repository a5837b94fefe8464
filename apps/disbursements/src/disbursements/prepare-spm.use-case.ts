import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, ConflictError, formatRupiah, PrepareSpm, RequestOf, TranchePreparedV1 } from '@alur/contracts';
import { requestHashOf, rupiahOf } from '@alur/database';
import { OutboxService, requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { inIdempotentTransaction, replayOf, storeAnswer } from '../common/idempotency';
import { lockTranche, refuseFinishedOrLocked, refuseStageDeciders, sp2dTaken, trancheCountOf } from './locked-tranche';

export type PrepareSpmRequest = RequestOf<typeof PrepareSpm>;
/** What preparing an SPM answers, the first time and every time the same request comes again. */
export type SpmPreparationResult = AnswerOf<typeof PrepareSpm>;

const OPERATION = 'tranche.prepare';

/**
 * The first of a release's two steps: a BPKAD official prepares the SPM of a READY tranche (its
 * amount, the account it is paid into, the SP2D number it is to carry). The tranche waits, PREPARED,
 * for a second BPKAD official to authorise it. Nobody who decided an approval stage of the proposal
 * may prepare it. Locks and the Idempotency-Key work as for the authorisation.
 */
@Injectable()
export class PrepareSpmUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor, request: PrepareSpmRequest): Promise<SpmPreparationResult> {
    requireRole(actor, 'BPKAD');
    const requestHash = requestHashOf({
      operation: OPERATION,
      disbursementId: request.disbursementId,
      trancheNumber: request.trancheNumber,
      sp2dNumber: request.sp2dNumber,
      bankAccount: request.bankAccount,
    });
    return inIdempotentTransaction(this.dataSource, request.idempotencyKey, requestHash, (tx) => this.prepare(tx, actor, request, requestHash), {
      tranche_spm_sp2d_number: () => sp2dTaken(request.sp2dNumber),
    });
  }

  private async prepare(
    tx: EntityManager,
    actor: Actor,
    request: PrepareSpmRequest,
    requestHash: string,
  ): Promise<SpmPreparationResult> {
    const { disbursement, tranche } = await lockTranche(tx, this.regions, actor, request.disbursementId, request.trancheNumber);
    // Checked under the tranche's lock: a concurrent twin has committed its key by now, or not started.
    const replay = await replayOf<SpmPreparationResult>(tx, request.idempotencyKey, requestHash);
    if (replay) return replay;

    refuseStageDeciders(actor, disbursement, 'prepare');
    refuseFinishedOrLocked(tranche);
    if (tranche.status === 'PREPARED') {
      throw new ConflictError(
        `Tranche ${tranche.number} already has an SPM (SP2D ${tranche.spm_sp2d_number}) prepared by ${tranche.prepared_by?.username}, ` +
          'waiting for authorisation: it must be authorised or returned before another is prepared',
        { code: 'SPM_ALREADY_PREPARED' },
      );
    }
    const [taken] = (await tx.query(
      `SELECT 1 FROM tranche WHERE regency_code = $1 AND (sp2d_number = $2 OR (status = 'PREPARED' AND spm_sp2d_number = $2))`,
      [tranche.regency_code, request.sp2dNumber],
    )) as unknown[];
    if (taken) throw sp2dTaken(request.sp2dNumber);

    const preparedAt = new Date();
    await tx.query(
      `UPDATE tranche SET status = 'PREPARED', spm_sp2d_number = $3, spm_bank_account = $4, prepared_by = $5, prepared_at = $6
        WHERE disbursement_id = $1 AND number = $2`,
      [disbursement.id, tranche.number, request.sp2dNumber, JSON.stringify(request.bankAccount), JSON.stringify(actor), preparedAt],
    );
    const count = await trancheCountOf(tx, disbursement.id);
    const amount = rupiahOf(tranche.amount);
    await this.outbox.record(tx, TranchePreparedV1, {
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
        bankAccount: request.bankAccount,
        preparedBy: actor,
        preparedAt: preparedAt.toISOString(),
      },
    });
    await this.audit.record(tx, {
      actor,
      action: 'tranche.prepared',
      entityType: 'tranche',
      entityId: `${disbursement.id}/${tranche.number}`,
      fromStatus: 'READY',
      toStatus: 'PREPARED',
      after: { amount, sp2dNumber: request.sp2dNumber, bankAccount: request.bankAccount, idempotencyKey: request.idempotencyKey },
    });
    const result: SpmPreparationResult = {
      disbursementId: disbursement.id,
      proposalId: disbursement.proposal_id,
      trancheNumber: tranche.number,
      trancheCount: count,
      amount,
      sp2dNumber: request.sp2dNumber,
      bankAccount: request.bankAccount,
      preparedBy: { userId: actor.userId, username: actor.username },
      preparedAt: preparedAt.toISOString(),
      status: 'PREPARED',
      message:
        `SPM termin ${tranche.number} dari ${count} sebesar ${formatRupiah(amount)} disiapkan untuk SP2D ${request.sp2dNumber}; ` +
        'menunggu otorisasi pejabat BPKAD lain.',
    };
    return storeAnswer(tx, request.idempotencyKey, OPERATION, requestHash, result, actor);
  }
}
