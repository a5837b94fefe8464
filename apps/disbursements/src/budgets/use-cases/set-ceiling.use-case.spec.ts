import { AuditTrail } from '@alur/audit';
import { Actor, ConflictError } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder, OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { as, InMemoryTransactions, RecordingAuditTrail, RecordingOutbox } from '@alur/testing';
import { Disbursement } from '../../disbursements/domain/disbursement';
import { DisbursementRepository } from '../../disbursements/disbursement.repository';
import { ProgrammeVersionRepository } from '../../programmes/programme-version.repository';
import { InMemoryBudgetCeilings, InMemoryDisbursements, InMemoryProgrammes, InMemoryTranches } from '../../testing/in-memory-repositories';
import { TrancheRepository } from '../../tranches/tranche.repository';
import { BudgetCommitment } from '../budget-commitment.service';
import { SetCeilingUseCase } from './set-ceiling.use-case';

// The use case's rules against in-memory repositories: no database, so a broken rule fails in milliseconds.
// Locks, transactions and the SQL itself are the end-to-end tests' (test/disbursements/budget-ceilings.e2e-spec.ts).

const VILLAGE = '14.03.09.1004';
const KEY = { programCode: 'KOTAKU-2026', fiscalYear: 2026, regionCode: VILLAGE };
const BPKAD: Actor = { userId: 'u-bpkad', username: 'bpkad', role: 'BPKAD', regionCode: '14.03' };

const regions = new RegionDirectory({
  province: [{ code: '14', parentCode: null, name: 'RIAU' }],
  regency: [{ code: '14.03', parentCode: '14', name: 'KABUPATEN BENGKALIS' }],
  district: [{ code: '14.03.09', parentCode: '14.03', name: 'Mandau' }],
  village: [{ code: VILLAGE, parentCode: '14.03.09', name: 'Balik Alam' }],
});

/** Proposals waiting in line, by name; ids are UUIDs, as the events announcing their funding require. */
const [FIRST, SECOND, THIRD, LARGE, SMALL] = [1, 2, 3, 4, 5].map((n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
/** The disbursement of a proposal. */
const disbursementOf = (proposalId: string) => proposalId.replace(/^0{8}/, 'dddddddd');

function waiting(proposalId: string, amount: number, approvedAt: string): Disbursement {
  return {
    id: disbursementOf(proposalId),
    proposalId,
    programCode: KEY.programCode,
    programVersion: 1,
    fiscalYear: KEY.fiscalYear,
    ceilingRegionCode: VILLAGE,
    villageCode: VILLAGE,
    districtCode: '14.03.09',
    regencyCode: '14.03',
    title: `Proposal ${proposalId}`,
    amount,
    released: 0,
    status: 'AWAITING_BUDGET',
    approvedAt: new Date(approvedAt),
    committedAt: null,
    completedAt: null,
    stageDecisions: [],
  };
}

function setUp(ceiling: { amount: number; committed: number }) {
  const disbursements = new InMemoryDisbursements();
  const ceilings = new InMemoryBudgetCeilings(disbursements);
  ceilings.rows.set(`${KEY.programCode}/${KEY.fiscalYear}/${VILLAGE}`, {
    ...KEY,
    regionLevel: 'village',
    regencyCode: '14.03',
    released: 0,
    ...ceiling,
  });
  const tranches = new InMemoryTranches();
  const programmes = new InMemoryProgrammes([
    {
      code: KEY.programCode,
      version: 1,
      fiscalYear: KEY.fiscalYear,
      tranchePlan: [{ shareBp: 10_000, unlockProgressPercent: 0 }],
      ceilingRegionLevel: 'village',
      ceilingAmount: 100_000_000,
    },
  ]);
  const audit = new RecordingAuditTrail();
  const outbox = new RecordingOutbox();
  const commitment = new BudgetCommitment(
    as<DisbursementRepository>(disbursements),
    ceilings,
    as<TrancheRepository>(tranches),
    as<ProgrammeVersionRepository>(programmes),
    as<OutboxService>(outbox),
    as<AuditTrail>(audit),
    new ChangeRecorder(as<OutboxService>(outbox), as<AuditTrail>(audit)),
  );
  const useCase = new SetCeilingUseCase(
    as<Transactions>(new InMemoryTransactions()),
    ceilings,
    as<DisbursementRepository>(disbursements),
    as<ProgrammeVersionRepository>(programmes),
    regions,
    commitment,
    as<AuditTrail>(audit),
  );
  return { useCase, ceilings, disbursements, tranches, audit, outbox };
}

describe('setting a ceiling (pagu)', () => {
  it('refuses a change made on an amount someone else has changed since, and changes nothing', async () => {
    const { useCase, ceilings, audit } = setUp({ amount: 100_000_000, committed: 60_000_000 });
    const setting = useCase.execute(BPKAD, { ...KEY, regionCode: VILLAGE, amount: 150_000_000, expectedAmount: 90_000_000 });

    await expect(setting).rejects.toBeInstanceOf(ConflictError);
    await expect(setting).rejects.toMatchObject({ code: 'CEILING_CHANGED' });
    expect((await ceilings.lock({} as never, KEY)).amount).toBe(100_000_000);
    expect(audit.records).toEqual([]);
    // On the amount it shows, the same change goes through.
    await useCase.execute(BPKAD, { ...KEY, regionCode: VILLAGE, amount: 150_000_000, expectedAmount: 100_000_000 });
    expect((await ceilings.lock({} as never, KEY)).amount).toBe(150_000_000);
  });

  it('refuses an amount below what is already committed, and changes nothing', async () => {
    const { useCase, ceilings, audit } = setUp({ amount: 100_000_000, committed: 60_000_000 });

    const setting = useCase.execute(BPKAD, { ...KEY, amount: 50_000_000 });

    await expect(setting).rejects.toBeInstanceOf(ConflictError);
    await expect(setting).rejects.toThrow(/60\.000\.000 is already committed against it/);
    await expect(setting).rejects.toMatchObject({
      code: 'CEILING_BELOW_COMMITTED',
      errors: [{ field: 'amount', code: 'CEILING_BELOW_COMMITTED' }],
    });
    expect((await ceilings.lock({} as never, KEY)).amount).toBe(100_000_000);
    expect(audit.records).toEqual([]);
  });

  it('commits the waiting proposals in approval order once raised: a later, smaller one does not overtake one that still does not fit', async () => {
    const { useCase, disbursements, tranches, outbox } = setUp({ amount: 100_000_000, committed: 80_000_000 });
    disbursements.rows.push(
      waiting(FIRST, 30_000_000, '2026-02-01T08:00:00Z'),
      waiting(SECOND, 5_000_000, '2026-02-02T08:00:00Z'),
      waiting(THIRD, 40_000_000, '2026-02-03T08:00:00Z'),
    );

    const result = await useCase.execute(BPKAD, { ...KEY, amount: 120_000_000 });

    // 80 + 30 + 5 fits in 120; 40 more does not, so the third waits.
    expect(result.committedProposalIds).toEqual([FIRST, SECOND]);
    expect(result.budget).toMatchObject({
      amount: 120_000_000,
      committed: 115_000_000,
      available: 5_000_000,
      waiting: { count: 1, amount: 40_000_000 },
    });
    expect(tranches.rows.map((t) => [t.disbursementId, t.number, t.amount, t.status])).toEqual([
      [disbursementOf(FIRST), 1, 30_000_000, 'READY'],
      [disbursementOf(SECOND), 1, 5_000_000, 'READY'],
    ]);
    expect(outbox.events).toHaveLength(4);
  });

  it('keeps the first in line waiting when it still does not fit, even if a smaller one behind it would', async () => {
    const { useCase, disbursements } = setUp({ amount: 100_000_000, committed: 80_000_000 });
    disbursements.rows.push(waiting(LARGE, 40_000_000, '2026-02-01T08:00:00Z'), waiting(SMALL, 5_000_000, '2026-02-02T08:00:00Z'));

    const result = await useCase.execute(BPKAD, { ...KEY, amount: 110_000_000 });

    expect(result.committedProposalIds).toEqual([]);
    expect(result.budget.waiting).toEqual({ count: 2, amount: 45_000_000 });
  });
});
