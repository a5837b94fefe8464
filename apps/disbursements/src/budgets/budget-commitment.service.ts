import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import {
  Actor,
  BudgetCommittedV1,
  formatRupiah,
  ProposalApprovedPayload,
  ProposalAwaitingBudgetV1,
  TrancheReadyV1,
} from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { rupiahOf } from '@alur/database';
import { updateReturning } from '../common/update-returning';
import { DisbursementRow } from '../disbursements/disbursement-row';
import { findProgrammeVersion, ProgrammeVersion } from '../programmes/programme-version';
import { splitIntoTranches } from '../tranches/split-into-tranches';
import { CeilingKey, ceilingRegionOf } from './ceiling-key';

export interface CeilingRow {
  program_code: string;
  fiscal_year: number;
  region_code: string;
  region_level: string;
  regency_code: string;
  amount: string;
  committed: string;
  released: string;
}

export type ApprovalOutcome = 'COMMITTED' | 'AWAITING_BUDGET' | 'ALREADY_KNOWN' | 'WITHDRAWN';
export type WithdrawalOutcome = 'NOTHING_COMMITTED' | 'RELEASED' | 'ALREADY_PAID';

/** Serialises the approval and the withdrawal of one proposal, whichever order they arrive in. */
async function lockProposal(tx: EntityManager, proposalId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('disbursements.proposal:' || $1, 0))`, [proposalId]);
}

/**
 * Commits approved proposals against their ceiling (pagu). Everything that touches a ceiling's
 * `committed` first locks the ceiling row, so commitments to one ceiling happen one at a time, and
 * the conditional UPDATE (plus the table's CHECK) guarantees committed never exceeds the amount.
 *
 * Waiting proposals are served strictly in approval order: one that does not fit blocks the smaller
 * ones behind it until the ceiling is raised, so a later, smaller proposal never overtakes an earlier one.
 */
@Injectable()
export class BudgetCommitment {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  /** On final approval: records the disbursement and commits it at once if it is first in line and fits, else it waits. */
  async onApproved(tx: EntityManager, approval: ProposalApprovedPayload, programme: ProgrammeVersion): Promise<ApprovalOutcome> {
    await lockProposal(tx, approval.proposalId);
    // A proposal withdrawn before its approval was heard (they race in from two services) is never committed.
    const [withdrawn] = (await tx.query('SELECT 1 FROM proposal_withdrawal WHERE proposal_id = $1', [approval.proposalId])) as unknown[];
    if (withdrawn) {
      await this.audit.record(tx, {
        actor: null,
        action: 'disbursement.approval-after-withdrawal',
        entityType: 'proposal',
        entityId: approval.proposalId,
        after: { requestedAmount: approval.requestedAmount, approvedAt: approval.approvedAt, note: 'the proposal was withdrawn; nothing committed' },
      });
      return 'WITHDRAWN';
    }
    const key: CeilingKey = {
      programCode: approval.programCode,
      fiscalYear: programme.fiscalYear,
      regionCode: ceilingRegionOf(programme.ceilingRegionLevel, approval),
    };
    await this.ensureCeiling(tx, key, programme, approval.regencyCode);
    await this.lockCeiling(tx, key);
    const id = randomUUID();
    const inserted = (await tx.query(
      `INSERT INTO disbursement (id, proposal_id, program_code, program_version, fiscal_year, ceiling_region_code,
                                 village_code, district_code, regency_code, title, amount, status, approved_at, stage_decisions)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'AWAITING_BUDGET', $12, $13)
       ON CONFLICT (proposal_id) DO NOTHING RETURNING id`,
      [
        id,
        approval.proposalId,
        approval.programCode,
        approval.programVersion,
        key.fiscalYear,
        key.regionCode,
        approval.villageCode,
        approval.districtCode,
        approval.regencyCode,
        approval.title,
        String(approval.requestedAmount),
        approval.approvedAt,
        // Who approved it may not pay it out (four eyes at BPKAD); an approval announced without them leaves only the second-person rule.
        JSON.stringify(approval.stageDecisions ?? []),
      ],
    )) as Array<{ id: string }>;
    // A proposal is approved once; an approval heard again changes nothing.
    if (inserted.length === 0) return 'ALREADY_KNOWN';

    const committed = await this.commitWaiting(tx, key, null);
    if (committed.includes(id)) return 'COMMITTED';

    const ceiling = await this.lockCeiling(tx, key);
    const available = rupiahOf(ceiling.amount) - rupiahOf(ceiling.committed);
    await this.outbox.record(tx, ProposalAwaitingBudgetV1, {
      aggregateId: approval.proposalId,
      actor: null,
      payload: {
        proposalId: approval.proposalId,
        programCode: key.programCode,
        fiscalYear: key.fiscalYear,
        ceilingRegionCode: key.regionCode,
        villageCode: approval.villageCode,
        requestedAmount: approval.requestedAmount,
        available,
      },
    });
    await this.audit.record(tx, {
      actor: null,
      action: 'disbursement.awaiting-budget',
      entityType: 'disbursement',
      entityId: id,
      toStatus: 'AWAITING_BUDGET',
      after: {
        proposalId: approval.proposalId,
        ceiling: key,
        requestedAmount: approval.requestedAmount,
        available,
        reason: `${formatRupiah(approval.requestedAmount)} requested, ${formatRupiah(available)} left under the ceiling or earlier proposals waiting`,
      },
    });
    return 'AWAITING_BUDGET';
  }

  /**
   * The proposal was withdrawn. It is remembered, so that an approval heard later commits nothing;
   * what was committed or queued for it is released (WITHDRAWN, tranches CANCELLED, the ceiling's
   * committed amount lowered) and proposals waiting behind it get their chance. Money already paid
   * out cannot be taken back here: that disbursement stays as it is, for the treasury to settle.
   */
  async onWithdrawn(tx: EntityManager, proposalId: string, eventId: string, withdrawnAt: Date, actor: Actor | null): Promise<WithdrawalOutcome> {
    await lockProposal(tx, proposalId);
    await tx.query(
      'INSERT INTO proposal_withdrawal (proposal_id, withdrawn_at, event_id) VALUES ($1, $2, $3) ON CONFLICT (proposal_id) DO NOTHING',
      [proposalId, withdrawnAt, eventId],
    );
    const [seen] = (await tx.query('SELECT * FROM disbursement WHERE proposal_id = $1', [proposalId])) as DisbursementRow[];
    if (!seen || seen.status === 'WITHDRAWN') return 'NOTHING_COMMITTED';
    const key: CeilingKey = { programCode: seen.program_code, fiscalYear: seen.fiscal_year, regionCode: seen.ceiling_region_code };
    // Lock order as the writers of each state: a waiting one is funded under the ceiling's lock, a funded one released under its own.
    if (seen.status === 'AWAITING_BUDGET') await this.lockCeiling(tx, key);
    const [disbursement] = (await tx.query('SELECT * FROM disbursement WHERE id = $1 FOR UPDATE', [seen.id])) as DisbursementRow[];
    if (disbursement.status === 'COMPLETED' || rupiahOf(disbursement.released) > 0) {
      await this.audit.record(tx, {
        actor,
        action: 'disbursement.withdrawal-after-release',
        entityType: 'disbursement',
        entityId: disbursement.id,
        fromStatus: disbursement.status,
        toStatus: disbursement.status,
        after: { proposalId, released: rupiahOf(disbursement.released), note: 'withdrawn after money was released; left for the treasury to settle' },
      });
      return 'ALREADY_PAID';
    }
    const amount = rupiahOf(disbursement.amount);
    if (disbursement.status === 'FUNDING') {
      await tx.query(
        `UPDATE budget_ceiling SET committed = committed - $4, updated_at = now()
          WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3`,
        [key.programCode, key.fiscalYear, key.regionCode, disbursement.amount],
      );
    }
    await tx.query(`UPDATE disbursement SET status = 'WITHDRAWN' WHERE id = $1`, [disbursement.id]);
    await tx.query(`UPDATE tranche SET status = 'CANCELLED' WHERE disbursement_id = $1`, [disbursement.id]);
    await this.audit.record(tx, {
      actor,
      action: 'disbursement.withdrawn',
      entityType: 'disbursement',
      entityId: disbursement.id,
      fromStatus: disbursement.status,
      toStatus: 'WITHDRAWN',
      after: { proposalId, releasedCommitment: disbursement.status === 'FUNDING' ? amount : 0, ceiling: key },
    });
    await this.lockCeiling(tx, key);
    await this.commitWaiting(tx, key, null);
    return 'RELEASED';
  }

  /**
   * Commits waiting proposals of one ceiling in approval order while the one at the head fits; the
   * caller must hold the ceiling's row lock. Returns the disbursement ids committed.
   */
  async commitWaiting(tx: EntityManager, key: CeilingKey, actor: Actor | null): Promise<string[]> {
    const committed: string[] = [];
    for (;;) {
      const [head] = (await tx.query(
        `SELECT * FROM disbursement
          WHERE program_code = $1 AND fiscal_year = $2 AND ceiling_region_code = $3 AND status = 'AWAITING_BUDGET'
          ORDER BY approved_at, arrival LIMIT 1`,
        [key.programCode, key.fiscalYear, key.regionCode],
      )) as DisbursementRow[];
      if (!head) return committed;
      const fits = await updateReturning<{ committed: string }>(
        tx,
        `UPDATE budget_ceiling SET committed = committed + $4, updated_at = now()
          WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3 AND committed + $4 <= amount
          RETURNING committed`,
        [key.programCode, key.fiscalYear, key.regionCode, head.amount],
      );
      if (fits.length === 0) return committed;
      await this.fund(tx, head, actor);
      committed.push(head.id);
    }
  }

  /** Creates the ceiling from the programme's pagu the first time a region of it is used. */
  async ensureCeiling(tx: EntityManager, key: CeilingKey, programme: ProgrammeVersion, regencyCode: string): Promise<void> {
    await tx.query(
      `INSERT INTO budget_ceiling (program_code, fiscal_year, region_code, region_level, regency_code, amount)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (program_code, fiscal_year, region_code) DO NOTHING`,
      [key.programCode, key.fiscalYear, key.regionCode, programme.ceilingRegionLevel, regencyCode, String(programme.ceilingAmount)],
    );
  }

  async lockCeiling(tx: EntityManager, key: CeilingKey): Promise<CeilingRow> {
    const [row] = (await tx.query(
      'SELECT * FROM budget_ceiling WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3 FOR UPDATE',
      [key.programCode, key.fiscalYear, key.regionCode],
    )) as CeilingRow[];
    return row;
  }

  /** The amount is committed: split it into tranches, the first ready at once, and tell everyone. */
  private async fund(tx: EntityManager, disbursement: DisbursementRow, actor: Actor | null): Promise<void> {
    const programme = await findProgrammeVersion(tx, disbursement.program_code, disbursement.program_version);
    if (!programme) throw new Error(`Programme ${disbursement.program_code} v${disbursement.program_version} is not known here`);
    const amount = rupiahOf(disbursement.amount);
    const tranches = splitIntoTranches(amount, programme.tranchePlan);
    const [{ committed_at: committedAt }] = await updateReturning<{ committed_at: Date }>(
      tx,
      `UPDATE disbursement SET status = 'FUNDING', committed_at = now() WHERE id = $1 RETURNING committed_at`,
      [disbursement.id],
    );
    for (const t of tranches) {
      await tx.query(
        `INSERT INTO tranche (disbursement_id, number, share_bp, unlock_progress_percent, amount, status, regency_code, ready_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          disbursement.id,
          t.number,
          t.shareBp,
          t.unlockProgressPercent,
          String(t.amount),
          t.number === 1 ? 'READY' : 'LOCKED',
          disbursement.regency_code,
          t.number === 1 ? committedAt : null,
        ],
      );
    }
    const proposalId = disbursement.proposal_id;
    await this.outbox.record(tx, BudgetCommittedV1, {
      aggregateId: proposalId,
      actor,
      payload: {
        proposalId,
        disbursementId: disbursement.id,
        programCode: disbursement.program_code,
        fiscalYear: disbursement.fiscal_year,
        ceilingRegionCode: disbursement.ceiling_region_code,
        villageCode: disbursement.village_code,
        amount,
        committedAt: committedAt.toISOString(),
        tranches: tranches.map(({ number, amount: a, shareBp, unlockProgressPercent }) => ({ number, amount: a, shareBp, unlockProgressPercent })),
      },
    });
    await this.outbox.record(tx, TrancheReadyV1, {
      aggregateId: proposalId,
      actor,
      payload: {
        proposalId,
        disbursementId: disbursement.id,
        villageCode: disbursement.village_code,
        trancheNumber: 1,
        trancheCount: tranches.length,
        amount: tranches[0].amount,
      },
    });
    await this.audit.record(tx, {
      actor,
      action: 'disbursement.budget-committed',
      entityType: 'disbursement',
      entityId: disbursement.id,
      fromStatus: 'AWAITING_BUDGET',
      toStatus: 'FUNDING',
      after: { proposalId, amount, ceilingRegionCode: disbursement.ceiling_region_code, tranches },
    });
  }
}
