import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Actor,
  AnswerOf,
  ConflictError,
  formatRupiah,
  PrepareSpm,
  RefusalCode,
  RequestOf,
  requireRole,
  TranchePreparedV1,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { TrancheRepository } from '../../tranches/tranche.repository';
import { ProposalSubmissionRepository } from '../../proposal-submissions/proposal-submission.repository';
import { accountChangeNote, refuseFinishedOrLocked, refuseStageDeciders, refusingTakenSp2d, sp2dTaken } from '../domain/release-rules';
import { TrancheLocks } from '../locked-tranche';

export type PrepareSpmRequest = RequestOf<typeof PrepareSpm>;
/** What preparing an SPM answers, the first time and every time the same request comes again. */
export type SpmPreparationResult = AnswerOf<typeof PrepareSpm>;

/**
 * The first of a release's two steps: a BPKAD official prepares the SPM of a READY tranche (its
 * amount, the account it is paid into, the SP2D number it is to carry). The tranche waits, PREPARED,
 * for a second BPKAD official to authorise it. Nobody who decided an approval stage of the proposal
 * may prepare it. Locks and the Idempotency-Key work as for the authorisation (ReleaseTrancheUseCase).
 */
@Injectable()
export class PrepareSpmUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly locks: TrancheLocks,
    private readonly tranches: TrancheRepository,
    private readonly submissions: ProposalSubmissionRepository,
    private readonly changes: ChangeRecorder,
  ) {}

  async execute(actor: Actor, request: PrepareSpmRequest): Promise<SpmPreparationResult> {
    requireRole(actor, 'BPKAD');
    return refusingTakenSp2d(request.sp2dNumber, 'tranche_spm_sp2d_number', () =>
      this.transactions.run((tx) => this.prepare(tx, actor, request)),
    );
  }

  private async prepare(tx: EntityManager, actor: Actor, request: PrepareSpmRequest): Promise<SpmPreparationResult> {
    const { disbursement, tranche, trancheCount: count } = await this.locks.lock(tx, actor, request.disbursementId, request.trancheNumber);

    refuseStageDeciders(actor, disbursement, 'prepare');
    refuseFinishedOrLocked(tranche);
    if (tranche.status === 'PREPARED') {
      throw new ConflictError(
        `Tranche ${tranche.number} already has an SPM (SP2D ${tranche.spmSp2dNumber}) prepared by ${tranche.preparedBy?.username}, ` +
          'waiting for authorisation: it must be authorised or returned before another is prepared',
        { code: RefusalCode.SpmAlreadyPrepared },
      );
    }
    if (await this.tranches.isSp2dTaken(tx, tranche.regencyCode, request.sp2dNumber)) throw sp2dTaken(request.sp2dNumber);
    const onRecord = (await this.submissions.payeeAccountsOf(tx, [disbursement.proposalId])).get(disbursement.proposalId);
    const note = accountChangeNote(onRecord, request.bankAccount, request.accountChangeNote);

    const preparedAt = new Date();
    const amount = tranche.amount;
    // The tranche, locked above, rides on its audit record's round trip.
    await this.changes.record(tx, {
      alongside: this.tranches.markingPrepared(disbursement.id, tranche.number, {
        sp2dNumber: request.sp2dNumber,
        bankAccount: request.bankAccount,
        accountChangeNote: note,
        preparedBy: actor,
        preparedAt,
      }),
      announce: {
        contract: TranchePreparedV1,
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
          bankAccount: request.bankAccount,
          ...(note !== null ? { accountChangeNote: note } : {}),
          preparedBy: actor,
          preparedAt: preparedAt.toISOString(),
        },
      },
      audit: {
        action: 'tranche.prepared',
        entityType: 'tranche',
        entityId: `${disbursement.id}/${tranche.number}`,
        fromStatus: 'READY',
        toStatus: 'PREPARED',
        after: {
          amount,
          sp2dNumber: request.sp2dNumber,
          bankAccount: request.bankAccount,
          accountChangeNote: note,
          ...(onRecord ? { proposalAccount: onRecord } : {}),
          idempotencyKey: request.idempotencyKey,
        },
      },
    });
    return {
      disbursementId: disbursement.id,
      proposalId: disbursement.proposalId,
      trancheNumber: tranche.number,
      trancheCount: count,
      amount,
      sp2dNumber: request.sp2dNumber,
      bankAccount: request.bankAccount,
      accountChangeNote: note,
      preparedBy: { userId: actor.userId, username: actor.username },
      preparedAt: preparedAt.toISOString(),
      status: 'PREPARED',
      message:
        `SPM termin ${tranche.number} dari ${count} sebesar ${formatRupiah(amount)} disiapkan untuk SP2D ${request.sp2dNumber}; ` +
        'menunggu otorisasi pejabat BPKAD lain.',
    };
  }
}
