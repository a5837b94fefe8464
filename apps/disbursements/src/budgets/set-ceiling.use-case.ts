import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, ConflictError, formatRupiah, InvalidInputError, NotFoundError, RequestOf, SetCeiling } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { rupiahOf } from '@alur/database';
import { findLatestProgrammeVersion } from '../programmes/programme-version';
import { BudgetCommitment } from './budget-commitment.service';
import { toBudgetView } from './budget-view';
import { CeilingKey } from './ceiling-key';
import { requireRole } from '@alur/messaging';

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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (tx) => {
      const programme = await findLatestProgrammeVersion(tx, request.programCode, request.fiscalYear);
      if (!programme) throw new NotFoundError(`Programme ${request.programCode} has no version for fiscal year ${request.fiscalYear}`);
      if (region.level !== programme.ceilingRegionLevel) {
        throw new InvalidInputError([
          { field: 'regionCode', reason: `${request.programCode} sets its ceiling per ${programme.ceilingRegionLevel}, and ${region.code} is a ${region.level}` },
        ]);
      }
      const key: CeilingKey = { programCode: request.programCode, fiscalYear: request.fiscalYear, regionCode: region.code };
      const regencyCode = this.regions.regencyOf(region.code)!.code;
      await this.commitment.ensureCeiling(tx, key, programme, regencyCode);
      const before = await this.commitment.lockCeiling(tx, key);
      const committed = rupiahOf(before.committed);
      if (request.amount < committed) {
        throw new ConflictError(
          `The ceiling cannot be set to ${formatRupiah(request.amount)}: ${formatRupiah(committed)} is already committed against it`,
        );
      }
      await tx.query(
        'UPDATE budget_ceiling SET amount = $4, updated_at = now() WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3',
        [key.programCode, key.fiscalYear, key.regionCode, String(request.amount)],
      );
      await this.audit.record(tx, {
        actor,
        action: 'budget-ceiling.amount-set',
        entityType: 'budget-ceiling',
        entityId: `${key.programCode}/${key.fiscalYear}/${key.regionCode}`,
        before: { amount: rupiahOf(before.amount), committed },
        after: { amount: request.amount, committed },
      });
      const committedIds = await this.commitment.commitWaiting(tx, key, actor);
      const proposals = committedIds.length
        ? ((await tx.query('SELECT proposal_id FROM disbursement WHERE id = ANY($1) ORDER BY approved_at, arrival', [committedIds])) as Array<{
            proposal_id: string;
          }>)
        : [];
      const [after] = await tx.query(
        `SELECT c.*, (SELECT count(*) FROM disbursement d WHERE d.status = 'AWAITING_BUDGET' AND d.program_code = c.program_code
                        AND d.fiscal_year = c.fiscal_year AND d.ceiling_region_code = c.region_code) AS waiting_count,
                     (SELECT coalesce(sum(amount), 0) FROM disbursement d WHERE d.status = 'AWAITING_BUDGET' AND d.program_code = c.program_code
                        AND d.fiscal_year = c.fiscal_year AND d.ceiling_region_code = c.region_code) AS waiting_amount
           FROM budget_ceiling c WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3`,
        [key.programCode, key.fiscalYear, key.regionCode],
      );
      return { budget: toBudgetView(after, region.name), committedProposalIds: proposals.map((p) => p.proposal_id) };
    });
  }
}
