import { randomUUID } from 'node:crypto';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, expectEventually, removeTestResources, THIS_FISCAL_YEAR } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import {
  approval,
  EventPublisher,
  programme,
  ProgrammePublishedV1,
  ProposalApprovedV1,
  RunningDisbursements,
  startDisbursements,
} from './disbursements-harness';

const MANDAU = '14.03.09';
const PINGGIR = '14.03.13';
const HALF_AND_HALF = [
  { shareBp: 5000, unlockProgressPercent: 0 },
  { shareBp: 5000, unlockProgressPercent: 50 },
];

interface Item {
  proposalId: string;
  status: string;
  amount: number;
  approvedAt: string;
}

describe('commitments against a budget ceiling (pagu)', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  let events: EventPublisher;
  let bpkad: string;

  const listed = async (programCode: string): Promise<Item[]> => {
    const response = await gateway.call('GET', `/api/v1/disbursements?programCode=${programCode}&pageSize=200`, { token: bpkad });
    expect(response.status).toBe(200);
    return (await response.json()).items;
  };
  const budgetOf = async (programCode: string, regionCode: string) => {
    const response = await gateway.call(
      'GET',
      `/api/v1/budgets?programCode=${programCode}&year=${THIS_FISCAL_YEAR}&regionCode=${regionCode}`,
      { token: bpkad },
    );
    expect(response.status).toBe(200);
    const { items } = await response.json();
    return items.find((b: { regionCode: string }) => b.regionCode === regionCode);
  };
  const setCeiling = (programCode: string, regionCode: string, amount: number | string, token = bpkad) =>
    gateway.call('PUT', `/api/v1/budgets/${programCode}/${THIS_FISCAL_YEAR}/${regionCode}`, { token, body: { amount } });
  const committedSum = async (programCode: string, regionCode: string) => {
    const [row] = await disbursements.db.query(
      `SELECT c.committed, c.amount, (SELECT coalesce(sum(amount), 0) FROM disbursement d
                                     WHERE d.program_code = c.program_code AND d.ceiling_region_code = c.region_code AND d.status <> 'AWAITING_BUDGET') AS funded
         FROM budget_ceiling c WHERE program_code = $1 AND region_code = $2`,
      [programCode, regionCode],
    );
    return { committed: Number(row.committed), amount: Number(row.amount), funded: Number(row.funded) };
  };
  /** Approves one proposal and waits until the disbursements service has decided on it. */
  const approveAndWait = async (programCode: string, villageCode: string, amount: number, approvedAt: Date) => {
    const payload = approval(programCode, villageCode, amount, approvedAt);
    await events.publish(ProposalApprovedV1, payload.proposalId, payload);
    await expectEventually(async () => expect((await listed(programCode)).some((i) => i.proposalId === payload.proposalId)).toBe(true));
    return payload.proposalId;
  };

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    bpkad = await gateway.tokenOf('bpkad');
  });

  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('commits exactly as many of 10 simultaneous approvals as fit, never above the ceiling, and lets the rest wait', async () => {
    await events.publish(
      ProgrammePublishedV1,
      'KOTA-C',
      programme('KOTA-C', { tranchePlan: HALF_AND_HALF, ceiling: { regionLevel: 'district', amount: 2_000_000_000 } }),
    );
    const villages = RegionDirectory.shared().childrenOf(MANDAU).slice(0, 10);
    const start = Date.parse(`${THIS_FISCAL_YEAR}-01-01T01:00:00Z`);
    // 10 × Rp 300.000.000 against Rp 2.000.000.000: six fit, four must wait.
    const approvals = villages.map((village, i) => approval('KOTA-C', village.code, 300_000_000, new Date(start + i * 60_000)));
    await Promise.all(approvals.map((a) => events.publish(ProposalApprovedV1, a.proposalId, a)));

    const items = await expectEventually(async () => {
      const all = await listed('KOTA-C');
      expect(all).toHaveLength(10);
      return all;
    });
    expect(items.filter((i) => i.status === 'FUNDING')).toHaveLength(6);
    expect(items.filter((i) => i.status === 'AWAITING_BUDGET')).toHaveLength(4);
    expect(await committedSum('KOTA-C', MANDAU)).toEqual({ committed: 1_800_000_000, amount: 2_000_000_000, funded: 1_800_000_000 });
    expect(await budgetOf('KOTA-C', MANDAU)).toMatchObject({
      amount: 2_000_000_000,
      committed: 1_800_000_000,
      released: 0,
      available: 200_000_000,
      waiting: { count: 4, amount: 1_200_000_000 },
    });

    const [{ count }] = await disbursements.db.query(
      `SELECT count(*)::int AS count FROM outbox_event WHERE envelope->>'type' = 'disbursements.proposal-awaiting-budget'`,
    );
    expect(count).toBe(4);
  });

  it('commits waiting proposals in approval order when BPKAD raises the ceiling', async () => {
    const waiting = (await listed('KOTA-C'))
      .filter((i) => i.status === 'AWAITING_BUDGET')
      .sort((a, b) => a.approvedAt.localeCompare(b.approvedAt))
      .map((i) => i.proposalId);

    // Rp 2.400.000.000 leaves Rp 600.000.000: room for the two approved first, no more.
    const raised = await setCeiling('KOTA-C', MANDAU, 2_400_000_000);
    expect(raised.status).toBe(200);
    const body = await raised.json();
    expect(body.committedProposalIds).toEqual(waiting.slice(0, 2));
    expect(body.budget).toMatchObject({ amount: 2_400_000_000, committed: 2_400_000_000, available: 0, waiting: { count: 2 } });

    const after = await listed('KOTA-C');
    expect(waiting.map((id) => after.find((i) => i.proposalId === id)!.status)).toEqual([
      'FUNDING',
      'FUNDING',
      'AWAITING_BUDGET',
      'AWAITING_BUDGET',
    ]);
    expect(await committedSum('KOTA-C', MANDAU)).toEqual({ committed: 2_400_000_000, amount: 2_400_000_000, funded: 2_400_000_000 });
  });

  it('refuses a ceiling below what is committed, naming the amounts in rupiah, and leaves it to BPKAD', async () => {
    const lower = await setCeiling('KOTA-C', MANDAU, 1_000_000_000);
    expect(lower.status).toBe(409);
    expect((await lower.json()).message).toBe(
      'The ceiling cannot be set to Rp 1.000.000.000: Rp 2.400.000.000 is already committed against it',
    );
    expect((await setCeiling('KOTA-C', MANDAU, 3_000_000_000, await gateway.tokenOf('admin'))).status).toBe(403);
    expect((await setCeiling('KOTA-C', '14.03.09.1004', 3_000_000_000)).status).toBe(400);
    expect((await setCeiling('KOTA-C', '14.01.01', 3_000_000_000)).status).toBe(404);
    // An amount written in words is refused by its field as not a number, which the console says in the reader's language.
    const inWords = await setCeiling('KOTA-C', MANDAU, '3 miliar');
    expect(inWords.status).toBe(400);
    expect((await inWords.json()).errors).toEqual([
      { field: 'amount', reason: 'must be a number, written in figures', code: 'not_a_number' },
    ]);
  });

  it('keeps strict approval order: a proposal that does not fit blocks smaller ones behind it until the ceiling makes room', async () => {
    await events.publish(
      ProgrammePublishedV1,
      'DESA-C',
      programme('DESA-C', { tranchePlan: HALF_AND_HALF, ceiling: { regionLevel: 'village', amount: 1_000_000_000 } }),
    );
    const village = RegionDirectory.shared().childrenOf(PINGGIR)[0].code;
    const t = Date.parse(`${THIS_FISCAL_YEAR}-01-01T02:00:00Z`);
    const first = await approveAndWait('DESA-C', village, 600_000_000, new Date(t));
    const big = await approveAndWait('DESA-C', village, 500_000_000, new Date(t + 60_000));
    const small = await approveAndWait('DESA-C', village, 100_000_000, new Date(t + 120_000));
    const statusOf = async (id: string) => (await listed('DESA-C')).find((i) => i.proposalId === id)!.status;
    expect([await statusOf(first), await statusOf(big), await statusOf(small)]).toEqual(['FUNDING', 'AWAITING_BUDGET', 'AWAITING_BUDGET']);

    // Rp 450.000.000 free: the small one would fit, but the big one is ahead of it.
    const notEnough = await setCeiling('DESA-C', village, 1_050_000_000);
    expect((await notEnough.json()).committedProposalIds).toEqual([]);
    const enough = await setCeiling('DESA-C', village, 1_200_000_000);
    expect((await enough.json()).committedProposalIds).toEqual([big, small]);
    expect(await committedSum('DESA-C', village)).toEqual({ committed: 1_200_000_000, amount: 1_200_000_000, funded: 1_200_000_000 });

    const history = await disbursements.audit.history('budget-ceiling', `DESA-C/${THIS_FISCAL_YEAR}/${village}`);
    expect(history.map((r) => [r.action, (r.after as { amount: number }).amount])).toEqual([
      ['budget-ceiling.amount-set', 1_050_000_000],
      ['budget-ceiling.amount-set', 1_200_000_000],
    ]);
  });

  it('lists the pagu of every region open to a programme before its first proposal, at the default, and lets BPKAD set one first', async () => {
    // A village pagu piloted in Pinggir: its villages are listed at the programme's default, Mandau's are not.
    await events.publish(
      ProgrammePublishedV1,
      'PILOT-C',
      programme('PILOT-C', {
        tranchePlan: HALF_AND_HALF,
        ceiling: { regionLevel: 'village', amount: 500_000_000 },
        eligibleRegions: { scope: 'LIST', regionCodes: [PINGGIR] },
      }),
    );
    const pinggir = RegionDirectory.shared().childrenOf(PINGGIR);
    const ceilings = async () => {
      const response = await gateway.call('GET', `/api/v1/budgets?programCode=PILOT-C`, { token: bpkad });
      expect(response.status).toBe(200);
      return (await response.json()).items as Array<{ regionCode: string; regionName: string; amount: number; programmeDefault: boolean }>;
    };
    const listedFirst = await expectEventually(async () => {
      const items = await ceilings();
      expect(items).toHaveLength(pinggir.length);
      return items;
    });
    expect(listedFirst.map((c) => c.regionCode)).toEqual(pinggir.map((v) => v.code).sort());
    expect(listedFirst[0]).toMatchObject({
      fiscalYear: THIS_FISCAL_YEAR,
      regionName: `${RegionDirectory.shared().get(listedFirst[0].regionCode)!.name}, Kec. Pinggir`,
      amount: 500_000_000,
      committed: 0,
      available: 500_000_000,
      programmeDefault: true,
    });

    // The regency's budget gives this village Rp 150.000.000, set before any proposal of it is approved.
    const village = pinggir[0].code;
    const set = await setCeiling('PILOT-C', village, 150_000_000);
    expect(set.status).toBe(200);
    expect((await set.json()).budget).toMatchObject({ regionCode: village, amount: 150_000_000, programmeDefault: false });
    const listedAfter = await ceilings();
    expect(listedAfter).toHaveLength(pinggir.length);
    expect(listedAfter.filter((c) => !c.programmeDefault)).toEqual([expect.objectContaining({ regionCode: village, amount: 150_000_000 })]);

    // Its first proposal is held to that pagu, not the default: Rp 200.000.000 waits for budget.
    const proposalId = await approveAndWait('PILOT-C', village, 200_000_000, new Date());
    expect((await listed('PILOT-C')).find((i) => i.proposalId === proposalId)!.status).toBe('AWAITING_BUDGET');
  });

  it('keeps the database from over-committing even if the code were to try', async () => {
    await expect(
      disbursements.db.query(`UPDATE budget_ceiling SET committed = amount + 1 WHERE program_code = 'KOTA-C' AND region_code = $1`, [
        MANDAU,
      ]),
    ).rejects.toThrow(/budget_ceiling_committed_within_amount/);
  });

  it('hears an approval twice and commits it once', async () => {
    const payload = approval('KOTA-C', `${MANDAU}.1004`, 1, new Date(), { proposalId: randomUUID() });
    await events.publish(ProposalApprovedV1, payload.proposalId, payload);
    await events.publish(ProposalApprovedV1, payload.proposalId, payload);
    await expectEventually(async () => expect((await listed('KOTA-C')).filter((i) => i.proposalId === payload.proposalId)).toHaveLength(1));
    // Both deliveries are handled (the second may finish after the first is listed), and only one commits.
    await expectEventually(async () => {
      const [{ count }] = await disbursements.db.query(
        `SELECT count(*)::int AS count FROM inbound_event WHERE subject LIKE '%.approvals.proposal-approved.v1' AND status = 'done'`,
      );
      // 10 of KOTA-C, 3 of DESA-C and 1 of PILOT-C in the tests above, and this one twice.
      expect(count).toBe(10 + 3 + 1 + 2);
    });
    expect((await listed('KOTA-C')).filter((i) => i.proposalId === payload.proposalId)).toHaveLength(1);
  });

  it('starts a region’s pagu at the latest version’s default, for a proposal submitted under an earlier version too', async () => {
    const ceiling = (amount: number) => ({ regionLevel: 'district' as const, amount });
    await events.publish(
      ProgrammePublishedV1,
      'RENEW-C',
      programme('RENEW-C', { tranchePlan: HALF_AND_HALF, ceiling: ceiling(1_000_000_000) }),
    );
    await events.publish(
      ProgrammePublishedV1,
      'RENEW-C',
      programme('RENEW-C', { tranchePlan: HALF_AND_HALF, ceiling: ceiling(3_000_000_000), version: 2 }),
    );
    // BPKAD's page lists Mandau's pagu, still unset, at version 2's default...
    await expectEventually(async () =>
      expect(await budgetOf('RENEW-C', MANDAU)).toMatchObject({ amount: 3_000_000_000, programmeDefault: true }),
    );
    // ...and that is the pagu a proposal of version 1 is committed against, the first in Mandau.
    const payload = approval('RENEW-C', `${MANDAU}.1004`, 1_500_000_000, new Date(), { programVersion: 1 });
    await events.publish(ProposalApprovedV1, payload.proposalId, payload);
    await expectEventually(async () =>
      expect((await listed('RENEW-C')).find((i) => i.proposalId === payload.proposalId)?.status).toBe('FUNDING'),
    );
    expect(await budgetOf('RENEW-C', MANDAU)).toMatchObject({ amount: 3_000_000_000, committed: 1_500_000_000, programmeDefault: false });
  });
});
