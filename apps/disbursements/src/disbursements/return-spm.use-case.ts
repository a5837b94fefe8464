import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, ConflictError, RequestOf, ReturnSpm, SpmReturnedV1 } from '@alur/contracts';
import { OutboxService, requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { disbursementView } from './disbursement-view';
import { lockTranche, refuseFinishedOrLocked, refuseSamePerson, trancheCountOf } from './locked-tranche';

/**
 * The authoriser sends a prepared SPM back instead of authorising it, saying why: the tranche is READY
 * again, its SP2D number free, and a BPKAD official prepares a new SPM. Whoever prepared it cannot
 * return it (that would be a second look by the same eyes); nothing is paid, so no Idempotency-Key:
 * a second return finds nothing PREPARED and is refused.
 */
@Injectable()
export class ReturnSpmUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof ReturnSpm>): Promise<AnswerOf<typeof ReturnSpm>> {
    requireRole(actor, 'BPKAD');
    return this.dataSource.transaction(async (tx) => {
      const { disbursement, tranche } = await lockTranche(tx, this.regions, actor, request.disbursementId, request.trancheNumber);
      refuseFinishedOrLocked(tranche);
      if (tranche.status !== 'PREPARED' || !tranche.prepared_by || !tranche.spm_sp2d_number) {
        throw new ConflictError(`Tranche ${tranche.number} has no SPM waiting for authorisation: there is nothing to return`);
      }
      refuseSamePerson(actor, tranche.prepared_by, 'returning it');
      await tx.query(
        `UPDATE tranche SET status = 'READY', spm_sp2d_number = NULL, spm_bank_account = NULL, prepared_by = NULL, prepared_at = NULL
          WHERE disbursement_id = $1 AND number = $2`,
        [disbursement.id, tranche.number],
      );
      const count = await trancheCountOf(tx, disbursement.id);
      const returnedAt = new Date();
      await this.outbox.record(tx, SpmReturnedV1, {
        aggregateId: disbursement.proposal_id,
        actor,
        payload: {
          proposalId: disbursement.proposal_id,
          disbursementId: disbursement.id,
          villageCode: disbursement.village_code,
          trancheNumber: tranche.number,
          trancheCount: count,
          sp2dNumber: tranche.spm_sp2d_number,
          reason: request.reason,
          preparedBy: tranche.prepared_by,
          returnedBy: actor,
          returnedAt: returnedAt.toISOString(),
        },
      });
      await this.audit.record(tx, {
        actor,
        action: 'tranche.spm-returned',
        entityType: 'tranche',
        entityId: `${disbursement.id}/${tranche.number}`,
        fromStatus: 'PREPARED',
        toStatus: 'READY',
        before: {
          sp2dNumber: tranche.spm_sp2d_number,
          bankAccount: tranche.spm_bank_account,
          preparedBy: tranche.prepared_by.username,
          preparedAt: tranche.prepared_at?.toISOString(),
        },
        after: { reason: request.reason },
      });
      const view = await disbursementView(tx, disbursement.id);
      return view.tranches.find((t) => t.number === tranche.number)!;
    });
  }
}
