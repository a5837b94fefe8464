import { EntityManager } from 'typeorm';
import type { Public } from '@alur/testing';
import { BudgetCeiling, BudgetCeilingStanding } from '../budgets/domain/budget-ceiling';
import { BudgetCeilingRepository, CeilingFilter } from '../budgets/budget-ceiling.repository';
import { CeilingKey } from '../budgets/domain/ceiling-key';
import { Disbursement } from '../disbursements/domain/disbursement';
import { DisbursementRepository } from '../disbursements/disbursement.repository';
import { ProgrammeVersion } from '../programmes/domain/programme-version';
import { ProgrammeVersionRepository } from '../programmes/programme-version.repository';
import { Tranche } from '../tranches/domain/tranche';
import { PlannedTranche, TrancheRepository } from '../tranches/tranche.repository';

/**
 * Repositories kept in memory, for unit tests of use cases: the rules run in milliseconds, without
 * PostgreSQL. They keep what the SQL keeps (approval order, the ceiling's CHECK) but no locks or
 * transactions (InMemoryTransactions of @alur/testing runs the work
 * at once): those are the end-to-end tests' to prove. The EntityManager they are given is ignored.
 */

const keyOf = (key: CeilingKey) => `${key.programCode}/${key.fiscalYear}/${key.regionCode}`;

export class InMemoryDisbursements implements Partial<Public<DisbursementRepository>> {
  /** In approval order, as `arrival` breaks ties. */
  readonly rows: Disbursement[] = [];

  async firstWaiting(_tx: EntityManager, key: CeilingKey): Promise<Disbursement | undefined> {
    return [...this.rows]
      .sort((a, b) => a.approvedAt.getTime() - b.approvedAt.getTime())
      .find(
        (d) =>
          d.status === 'AWAITING_BUDGET' &&
          keyOf({ programCode: d.programCode, fiscalYear: d.fiscalYear, regionCode: d.ceilingRegionCode }) === keyOf(key),
      );
  }

  async markFunding(_tx: EntityManager, id: string): Promise<Date> {
    const disbursement = this.rows.find((d) => d.id === id)!;
    disbursement.status = 'FUNDING';
    disbursement.committedAt = new Date();
    return disbursement.committedAt;
  }

  async proposalIdsOf(_tx: EntityManager, ids: readonly string[]): Promise<string[]> {
    return this.rows.filter((d) => ids.includes(d.id)).map((d) => d.proposalId);
  }
}

export class InMemoryBudgetCeilings implements Public<BudgetCeilingRepository> {
  readonly rows = new Map<string, BudgetCeiling>();

  constructor(private readonly disbursements: InMemoryDisbursements) {}

  async ensure(_tx: EntityManager, key: CeilingKey, regionLevel: string, regencyCode: string, amount: number): Promise<void> {
    if (!this.rows.has(keyOf(key))) this.rows.set(keyOf(key), { ...key, regionLevel, regencyCode, amount, committed: 0, released: 0 });
  }

  async lock(_tx: EntityManager, key: CeilingKey): Promise<BudgetCeiling> {
    return { ...this.rows.get(keyOf(key))! };
  }

  async commitIfFits(_tx: EntityManager, key: CeilingKey, amount: number): Promise<boolean> {
    const ceiling = this.rows.get(keyOf(key))!;
    if (ceiling.committed + amount > ceiling.amount) return false;
    ceiling.committed += amount;
    return true;
  }

  async releaseCommitment(_tx: EntityManager, key: CeilingKey, amount: number): Promise<void> {
    this.rows.get(keyOf(key))!.committed -= amount;
  }

  async addReleased(_tx: EntityManager, key: CeilingKey, amount: number): Promise<void> {
    this.rows.get(keyOf(key))!.released += amount;
  }

  async setAmount(_tx: EntityManager, key: CeilingKey, amount: number): Promise<void> {
    const ceiling = this.rows.get(keyOf(key))!;
    // The table's CHECK (committed <= amount): the database would refuse this, so the fake does too.
    if (ceiling.committed > amount) throw new Error('budget_ceiling_committed_within_amount');
    ceiling.amount = amount;
  }

  async standing(_tx: EntityManager, key: CeilingKey): Promise<BudgetCeilingStanding> {
    const waiting = this.disbursements.rows.filter(
      (d) =>
        d.status === 'AWAITING_BUDGET' &&
        keyOf({ programCode: d.programCode, fiscalYear: d.fiscalYear, regionCode: d.ceilingRegionCode }) === keyOf(key),
    );
    return { ...this.rows.get(keyOf(key))!, waiting: { count: waiting.length, amount: waiting.reduce((sum, d) => sum + d.amount, 0) } };
  }

  async listInRegency(_db: EntityManager, regencyCode: string, filter: CeilingFilter): Promise<BudgetCeilingStanding[]> {
    const matching = [...this.rows.values()].filter(
      (c) =>
        c.regencyCode === regencyCode &&
        (!filter.programCode || c.programCode === filter.programCode) &&
        (filter.fiscalYear === undefined || c.fiscalYear === filter.fiscalYear) &&
        (!filter.regionCode || c.regionCode === filter.regionCode || c.regionCode.startsWith(`${filter.regionCode}.`)),
    );
    return Promise.all(matching.map((c) => this.standing(_db, c)));
  }

  async amountsInRegency(
    _db: EntityManager,
    programCode: string,
    fiscalYear: number,
    regencyCode: string,
  ): Promise<Array<{ regionCode: string; amount: number }>> {
    return [...this.rows.values()]
      .filter((c) => c.programCode === programCode && c.fiscalYear === fiscalYear && c.regencyCode === regencyCode)
      .map((c) => ({ regionCode: c.regionCode, amount: c.amount }));
  }
}

export class InMemoryTranches implements Partial<Public<TrancheRepository>> {
  readonly rows: Tranche[] = [];

  async addAll(_tx: EntityManager, disbursementId: string, regencyCode: string, tranches: readonly PlannedTranche[]): Promise<void> {
    for (const t of tranches) this.add(disbursementId, regencyCode, t);
  }

  private add(disbursementId: string, regencyCode: string, t: PlannedTranche): void {
    this.rows.push({
      ...t,
      disbursementId,
      regencyCode,
      sp2dNumber: null,
      releasedAt: null,
      releasedBy: null,
      recordedAt: null,
      spmSp2dNumber: null,
      spmBankAccount: null,
      spmAccountChangeNote: null,
      preparedBy: null,
      preparedAt: null,
      returnedSpm: null,
    });
  }
}

export class InMemoryProgrammes implements Partial<Public<ProgrammeVersionRepository>> {
  constructor(readonly versions: ProgrammeVersion[]) {}

  async find(_db: EntityManager, code: string, version: number): Promise<ProgrammeVersion | undefined> {
    return this.versions.find((p) => p.code === code && p.version === version);
  }

  async findLatest(_db: EntityManager, code: string, fiscalYear: number): Promise<ProgrammeVersion | undefined> {
    return this.versions.filter((p) => p.code === code && p.fiscalYear === fiscalYear).sort((a, b) => b.version - a.version)[0];
  }
}
