import { Injectable } from '@nestjs/common';
import { Actor, AnswerOf, ConflictError, RefusalCode, RequestOf, requireRole, ReturnSpm, SpmReturnedV1 } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { TrancheRepository } from '../../tranches/tranche.repository';
import { DisbursementViews } from '../disbursement-view';
import { refuseFinishedOrLocked, refuseSamePerson } from '../domain/release-rules';
import { TrancheLocks } from '../locked-tranche';

/**
 * The authoriser sends a prepared SPM back instead of authorising it, saying why: the tranche is READY
 * again, its SP2D number free, and a BPKAD official prepares a new SPM. Whoever prepared it cannot
 * return it (that would be a second look by the same eyes); nothing is paid, so no Idempotency-Key:
 * a second return finds nothing PREPARED and is refused.
 */
@Injectable()
export class ReturnSpmUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly locks: TrancheLocks,
    private readonly tranches: TrancheRepository,
    private readonly views: DisbursementViews,
    private readonly changes: ChangeRecorder,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof ReturnSpm>): Promise<AnswerOf<typeof ReturnSpm>> {
    requireRole(actor, 'BPKAD');
    return this.transactions.run(async (tx) => {
      const {
        disbursement,
        tranche,
        trancheCount: count,
      } = await this.locks.lock(tx, actor, request.disbursementId, request.trancheNumber);
      refuseFinishedOrLocked(tranche);
      if (
        tranche.status !== 'PREPARED' ||
        !tranche.preparedBy ||
        !tranche.preparedAt ||
        !tranche.spmSp2dNumber ||
        !tranche.spmBankAccount
      ) {
        throw new ConflictError(`Tranche ${tranche.number} has no SPM waiting for authorisation: there is nothing to return`, {
          code: RefusalCode.SpmNotPrepared,
        });
      }
      refuseSamePerson(actor, tranche.preparedBy, 'returning it');
      const returnedAt = new Date();
      await this.tranches.returnSpm(tx, disbursement.id, tranche.number, {
        sp2dNumber: tranche.spmSp2dNumber,
        bankAccount: tranche.spmBankAccount,
        accountChangeNote: tranche.spmAccountChangeNote,
        preparedBy: tranche.preparedBy,
        preparedAt: tranche.preparedAt.toISOString(),
        returnedBy: actor,
        returnedAt: returnedAt.toISOString(),
        reason: request.reason,
      });
      await this.changes.record(tx, {
        announce: {
          contract: SpmReturnedV1,
          aggregateId: disbursement.proposalId,
          actor,
          payload: {
            proposalId: disbursement.proposalId,
            disbursementId: disbursement.id,
            villageCode: disbursement.villageCode,
            trancheNumber: tranche.number,
            trancheCount: count,
            sp2dNumber: tranche.spmSp2dNumber,
            reason: request.reason,
            preparedBy: tranche.preparedBy,
            returnedBy: actor,
            returnedAt: returnedAt.toISOString(),
          },
        },
        audit: {
          action: 'tranche.spm-returned',
          entityType: 'tranche',
          entityId: `${disbursement.id}/${tranche.number}`,
          fromStatus: 'PREPARED',
          toStatus: 'READY',
          before: {
            sp2dNumber: tranche.spmSp2dNumber,
            bankAccount: tranche.spmBankAccount,
            accountChangeNote: tranche.spmAccountChangeNote,
            preparedBy: tranche.preparedBy.username,
            preparedAt: tranche.preparedAt?.toISOString(),
          },
          after: { reason: request.reason },
        },
      });
      const view = await this.views.byId(tx, disbursement.id);
      return view.tranches.find((t) => t.number === tranche.number)!;
    });
  }
}
