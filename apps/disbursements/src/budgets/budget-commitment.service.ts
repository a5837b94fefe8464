import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, BudgetCommittedV1, formatRupiah, ProposalApprovedPayload, ProposalAwaitingBudgetV1, TrancheReadyV1 } from '@alur/contracts';
import { ChangeRecorder, OutboxService } from '@alur/messaging';
import { Disbursement } from '../disbursements/domain/disbursement';
import { DisbursementRepository } from '../disbursements/disbursement.repository';
import { ProgrammeVersion } from '../programmes/domain/programme-version';
import { ProgrammeVersionRepository } from '../programmes/programme-version.repository';
import { splitIntoTranches } from '../tranches/domain/split-into-tranches';
import { TrancheRepository } from '../tranches/tranche.repository';
import { BudgetCeilingRepository } from './budget-ceiling.repository';
import { CeilingKey, ceilingRegionOf } from './domain/ceiling-key';

export type ApprovalOutcome = 'COMMITTED' | 'AWAITING_BUDGET' | 'ALREADY_KNOWN' | 'WITHDRAWN';
export type WithdrawalOutcome = 'NOTHING_COMMITTED' | 'RELEASED' | 'ALREADY_PAID';

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
    private readonly disbursements: DisbursementRepository,
    private readonly ceilings: BudgetCeilingRepository,
    private readonly tranches: TrancheRepository,
    private readonly programmes: ProgrammeVersionRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly changes: ChangeRecorder,
  ) {}

  /** On final approval: records the disbursement and commits it at once if it is first in line and fits, else it waits. */
  async onApproved(tx: EntityManager, approval: ProposalApprovedPayload, programme: ProgrammeVersion): Promise<ApprovalOutcome> {
    await this.disbursements.lockProposal(tx, approval.proposalId);
    // A proposal withdrawn before its approval was heard (they race in from two services) is never committed.
    if (await this.disbursements.isWithdrawn(tx, approval.proposalId)) {
      await this.audit.record(tx, {
        actor: null,
        action: 'disbursement.approval-after-withdrawal',
        entityType: 'proposal',
        entityId: approval.proposalId,
        after: {
          requestedAmount: approval.requestedAmount,
          approvedAt: approval.approvedAt,
          note: 'the proposal was withdrawn; nothing committed',
        },
      });
      return 'WITHDRAWN';
    }
    const key: CeilingKey = {
      programCode: approval.programCode,
      fiscalYear: programme.fiscalYear,
      regionCode: ceilingRegionOf(programme.ceilingRegionLevel, approval),
    };
    await this.ensureCeiling(tx, key, programme, approval.regencyCode);
    await this.ceilings.lock(tx, key);
    const id = randomUUID();
    const inserted = await this.disbursements.addAwaitingBudget(tx, {
      id,
      proposalId: approval.proposalId,
      programCode: approval.programCode,
      programVersion: approval.programVersion,
      ceiling: key,
      villageCode: approval.villageCode,
      districtCode: approval.districtCode,
      regencyCode: approval.regencyCode,
      title: approval.title,
      amount: approval.requestedAmount,
      approvedAt: approval.approvedAt,
      // Who approved it may not pay it out (four eyes at BPKAD); an approval announced without them leaves only the second-person rule.
      stageDecisions: approval.stageDecisions ?? [],
    });
    // A proposal is approved once; an approval heard again changes nothing.
    if (!inserted) return 'ALREADY_KNOWN';

    const committed = await this.commitWaiting(tx, key, null, programme);
    if (committed.includes(id)) return 'COMMITTED';

    const ceiling = await this.ceilings.lock(tx, key);
    const available = ceiling.amount - ceiling.committed;
    await this.changes.record(tx, {
      announce: {
        contract: ProposalAwaitingBudgetV1,
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
      },
      audit: {
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
  async onWithdrawn(
    tx: EntityManager,
    proposalId: string,
    eventId: string,
    withdrawnAt: Date,
    actor: Actor | null,
  ): Promise<WithdrawalOutcome> {
    await this.disbursements.lockProposal(tx, proposalId);
    await this.disbursements.recordWithdrawal(tx, proposalId, withdrawnAt, eventId);
    const seen = await this.disbursements.findByProposal(tx, proposalId);
    if (!seen || seen.status === 'WITHDRAWN') return 'NOTHING_COMMITTED';
    const key: CeilingKey = { programCode: seen.programCode, fiscalYear: seen.fiscalYear, regionCode: seen.ceilingRegionCode };
    // Lock order as the writers of each state: a waiting one is funded under the ceiling's lock, a funded one released under its own.
    if (seen.status === 'AWAITING_BUDGET') await this.ceilings.lock(tx, key);
    const disbursement = (await this.disbursements.lock(tx, seen.id))!;
    if (disbursement.status === 'COMPLETED' || disbursement.released > 0) {
      await this.audit.record(tx, {
        actor,
        action: 'disbursement.withdrawal-after-release',
        entityType: 'disbursement',
        entityId: disbursement.id,
        fromStatus: disbursement.status,
        toStatus: disbursement.status,
        after: { proposalId, released: disbursement.released, note: 'withdrawn after money was released; left for the treasury to settle' },
      });
      return 'ALREADY_PAID';
    }
    const amount = disbursement.amount;
    if (disbursement.status === 'FUNDING') await this.ceilings.releaseCommitment(tx, key, disbursement.amount);
    await this.disbursements.markWithdrawn(tx, disbursement.id);
    await this.tranches.cancelAll(tx, disbursement.id);
    await this.audit.record(tx, {
      actor,
      action: 'disbursement.withdrawn',
      entityType: 'disbursement',
      entityId: disbursement.id,
      fromStatus: disbursement.status,
      toStatus: 'WITHDRAWN',
      after: { proposalId, releasedCommitment: disbursement.status === 'FUNDING' ? amount : 0, ceiling: key },
    });
    await this.ceilings.lock(tx, key);
    await this.commitWaiting(tx, key, null);
    return 'RELEASED';
  }

  /**
   * Commits waiting proposals of one ceiling in approval order while the one at the head fits; the
   * caller must hold the ceiling's row lock. Returns the disbursement ids committed. `known`: a
   * programme version the caller has read in this transaction, not read again for a proposal of it.
   */
  async commitWaiting(tx: EntityManager, key: CeilingKey, actor: Actor | null, known?: ProgrammeVersion): Promise<string[]> {
    const committed: string[] = [];
    for (;;) {
      const head = await this.disbursements.firstWaiting(tx, key);
      if (!head) return committed;
      if (!(await this.ceilings.commitIfFits(tx, key, head.amount))) return committed;
      await this.fund(tx, head, actor, known);
      committed.push(head.id);
    }
  }

  /** Creates the ceiling at the programme's default pagu the first time a region of it is used (BudgetCeilingRepository.ensure). */
  async ensureCeiling(tx: EntityManager, key: CeilingKey, programme: ProgrammeVersion, regencyCode: string): Promise<void> {
    await this.ceilings.ensure(tx, key, programme.ceilingRegionLevel, regencyCode, programme.ceilingAmount);
  }

  /** The amount is committed: split it into tranches, the first ready at once, and tell everyone. */
  private async fund(tx: EntityManager, disbursement: Disbursement, actor: Actor | null, known?: ProgrammeVersion): Promise<void> {
    const programme =
      known?.code === disbursement.programCode && known.version === disbursement.programVersion
        ? known
        : await this.programmes.find(tx, disbursement.programCode, disbursement.programVersion);
    if (!programme) throw new Error(`Programme ${disbursement.programCode} v${disbursement.programVersion} is not known here`);
    const amount = disbursement.amount;
    const tranches = splitIntoTranches(amount, programme.tranchePlan);
    const committedAt = await this.disbursements.markFunding(tx, disbursement.id);
    await this.tranches.addAll(
      tx,
      disbursement.id,
      disbursement.regencyCode,
      tranches.map((t) => ({
        number: t.number,
        shareBp: t.shareBp,
        unlockProgressPercent: t.unlockProgressPercent,
        amount: t.amount,
        status: t.number === 1 ? 'READY' : 'LOCKED',
        readyAt: t.number === 1 ? committedAt : null,
      })),
    );
    const proposalId = disbursement.proposalId;
    await this.outbox.record(tx, BudgetCommittedV1, {
      aggregateId: proposalId,
      actor,
      payload: {
        proposalId,
        disbursementId: disbursement.id,
        programCode: disbursement.programCode,
        fiscalYear: disbursement.fiscalYear,
        ceilingRegionCode: disbursement.ceilingRegionCode,
        villageCode: disbursement.villageCode,
        amount,
        committedAt: committedAt.toISOString(),
        tranches: tranches.map(({ number, amount: a, shareBp, unlockProgressPercent }) => ({
          number,
          amount: a,
          shareBp,
          unlockProgressPercent,
        })),
      },
    });
    // The first tranche's READY and the commitment's audit record: the event's row rides on the record's head lock.
    await this.changes.record(tx, {
      announce: {
        contract: TrancheReadyV1,
        aggregateId: proposalId,
        actor,
        payload: {
          proposalId,
          disbursementId: disbursement.id,
          villageCode: disbursement.villageCode,
          trancheNumber: 1,
          trancheCount: tranches.length,
          amount: tranches[0].amount,
        },
      },
      audit: {
        action: 'disbursement.budget-committed',
        entityType: 'disbursement',
        entityId: disbursement.id,
        fromStatus: 'AWAITING_BUDGET',
        toStatus: 'FUNDING',
        after: { proposalId, amount, ceilingRegionCode: disbursement.ceilingRegionCode, tranches },
      },
    });
  }
}
