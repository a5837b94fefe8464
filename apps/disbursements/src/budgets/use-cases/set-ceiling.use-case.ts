import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@alur/audit';
import {
  Actor,
  AnswerOf,
  ConflictError,
  formatRupiah,
  InvalidInputError,
  NotFoundError,
  RequestOf,
  requireRole,
  SetCeiling,
  RefusalCode,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { DisbursementRepository } from '../../disbursements/disbursement.repository';
import { ProgrammeVersionRepository } from '../../programmes/programme-version.repository';
import { BudgetCeilingRepository } from '../budget-ceiling.repository';
import { BudgetCommitment } from '../budget-commitment.service';
import { toBudgetView } from '../budget-view';
import { CeilingKey } from '../domain/ceiling-key';

export type SetCeilingRequest = RequestOf<typeof SetCeiling>;
export type SetCeilingResult = AnswerOf<typeof SetCeiling>;

/**
 * BPKAD sets a ceiling's amount (the treasury owns the pagu; ADMIN sets a programme's default through
 * its versions). Raising it commits waiting proposals in approval order; it may be lowered, but
 * never below what is already committed.
 */
@Injectable()
export class SetCeilingUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly ceilings: BudgetCeilingRepository,
    private readonly disbursements: DisbursementRepository,
    private readonly programmes: ProgrammeVersionRepository,
    private readonly regions: RegionDirectory,
    private readonly commitment: BudgetCommitment,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor, request: SetCeilingRequest): Promise<SetCeilingResult> {
    requireRole(actor, 'BPKAD');
    const region = this.regions.get(request.regionCode);
    if (!region || !this.regions.covers(actor.regionCode, region.code)) {
      throw new NotFoundError(`Region ${request.regionCode} is not in your kabupaten`);
    }
    return this.transactions.run(async (tx) => {
      const programme = await this.programmes.findLatest(tx, request.programCode, request.fiscalYear);
      if (!programme) throw new NotFoundError(`Programme ${request.programCode} has no version for fiscal year ${request.fiscalYear}`);
      if (region.level !== programme.ceilingRegionLevel) {
        throw new InvalidInputError([
          {
            field: 'regionCode',
            reason: `${request.programCode} sets its ceiling per ${programme.ceilingRegionLevel}, and ${region.code} is a ${region.level}`,
            code: RefusalCode.CeilingLevelMismatch,
          },
        ]);
      }
      const key: CeilingKey = { programCode: request.programCode, fiscalYear: request.fiscalYear, regionCode: region.code };
      const regencyCode = this.regions.regencyOf(region.code)!.code;
      await this.commitment.ensureCeiling(tx, key, programme, regencyCode);
      const before = await this.ceilings.lock(tx, key);
      const committed = before.committed;
      if (request.expectedAmount !== undefined && request.expectedAmount !== before.amount) {
        throw new ConflictError(
          `The ceiling is ${formatRupiah(before.amount)}, not ${formatRupiah(request.expectedAmount)}: it was changed meanwhile; nothing was changed now`,
          { code: RefusalCode.CeilingChanged },
        );
      }
      if (request.amount < committed) {
        const reason = `The ceiling cannot be set to ${formatRupiah(request.amount)}: ${formatRupiah(committed)} is already committed against it`;
        // The code and the field let the console say it beside the amount, in the reader's language.
        throw new ConflictError(reason, {
          code: RefusalCode.CeilingBelowCommitted,
          errors: [{ field: 'amount', reason, code: RefusalCode.CeilingBelowCommitted }],
        });
      }
      await this.ceilings.setAmount(tx, key, request.amount);
      await this.audit.record(tx, {
        actor,
        action: 'budget-ceiling.amount-set',
        entityType: 'budget-ceiling',
        entityId: `${key.programCode}/${key.fiscalYear}/${key.regionCode}`,
        before: { amount: before.amount, committed },
        after: { amount: request.amount, committed },
      });
      const committedIds = await this.commitment.commitWaiting(tx, key, actor);
      const proposalIds = committedIds.length ? await this.disbursements.proposalIdsOf(tx, committedIds) : [];
      const after = await this.ceilings.standing(tx, key);
      return { budget: toBudgetView(after, this.regions.placeNameOf(region.code)), committedProposalIds: proposalIds };
    });
  }
}
