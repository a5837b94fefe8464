import { randomUUID } from 'node:crypto';
import { createTestIsolation, removeTestResources, THIS_FISCAL_YEAR } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import {
  approval,
  EventPublisher,
  fundedDisbursements,
  programme,
  ProgrammePublishedV1,
  ProposalApprovedV1,
  releaseByTwo,
  RunningDisbursements,
  startDisbursements,
} from './disbursements-harness';

const BALIK_ALAM = '14.03.09.1004';
const AIR_JAMBA = '14.03.09.1001';
const PROGRAMME = 'FISCAL-T';

describe('the fiscal year closes for releases, and what was not released carries over', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  let events: EventPublisher;
  const tokens: Record<string, string> = {};
  const first = randomUUID();
  const second = randomUUID();
  const disbursementOf: Record<string, string> = {};

  const release = (proposalId: string, n: number) =>
    releaseByTwo(gateway, { preparer: tokens.bpkad, authoriser: tokens.kuasaBud }, disbursementOf[proposalId], n, {
      sp2dNumber: `SP2D-F-${randomUUID().slice(0, 8)}`,
      releasedAt: new Date().toISOString(),
    });
  const carryOver = async (token = tokens.bpkad) => {
    const response = await gateway.call('GET', `/api/v1/fiscal-years/${THIS_FISCAL_YEAR}/carry-over?programCode=${PROGRAMME}`, { token });
    expect(response.status).toBe(200);
    return response.json();
  };
  const setClosing = (releasesCloseAt: unknown, token = tokens.bpkad) =>
    gateway.call('PUT', `/api/v1/fiscal-years/${THIS_FISCAL_YEAR}/closing`, { token, body: { releasesCloseAt } });

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    tokens.bpkad = await gateway.tokenOf('bpkad');
    tokens.kuasaBud = await gateway.tokenOf('bpkad.kuasa-bud');
    tokens.admin = await gateway.tokenOf('admin');
    tokens.bkm = await gateway.tokenOf(`bkm.${BALIK_ALAM}`);
    await events.publish(
      ProgrammePublishedV1,
      PROGRAMME,
      programme(PROGRAMME, {
        tranchePlan: [
          { shareBp: 5000, unlockProgressPercent: 0 },
          { shareBp: 5000, unlockProgressPercent: 50 },
        ],
        ceiling: { regionLevel: 'district', amount: 2_000_000_000 },
      }),
    );
    await events.publish(ProposalApprovedV1, first, approval(PROGRAMME, BALIK_ALAM, 100_000_000, new Date(), { proposalId: first }));
    await events.publish(ProposalApprovedV1, second, approval(PROGRAMME, AIR_JAMBA, 60_000_000, new Date(), { proposalId: second }));
    Object.assign(disbursementOf, await fundedDisbursements(gateway, tokens.bpkad, [first, second]));
  });

  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('closes a year at its end in the regency’s time zone when BPKAD set no date, and releases until then', async () => {
    const report = await carryOver();
    expect(report).toMatchObject({
      fiscalYear: THIS_FISCAL_YEAR,
      regencyCode: '14.03',
      releasesCloseAt: `${THIS_FISCAL_YEAR}-12-31T17:00:00.000Z`,
      isDefault: true,
      closed: false,
    });
    expect(report.total).toBe(160_000_000);
    expect((await release(first, 1)).status).toBe(200);
  });

  it('lets only BPKAD set the closing date, as a date-time with offset', async () => {
    expect((await setClosing(`${THIS_FISCAL_YEAR}-12-20T23:59:59+07:00`, tokens.admin)).status).toBe(403);
    expect((await setClosing(`${THIS_FISCAL_YEAR}-12-20T23:59:59+07:00`, tokens.bkm)).status).toBe(403);
    const bad = await setClosing(`20 Desember ${THIS_FISCAL_YEAR}`);
    expect(bad.status).toBe(400);
    expect(new Set((await bad.json()).errors.map((e: { field: string }) => e.field))).toEqual(new Set(['releasesCloseAt']));
  });

  it('refuses a release after the closing date with a 409 that says so, and releases nothing', async () => {
    const closed = await setClosing(new Date(Date.now() - 60_000).toISOString());
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ fiscalYear: THIS_FISCAL_YEAR, isDefault: false, closed: true });

    const late = await release(second, 1);
    expect(late.status).toBe(409);
    const { message } = await late.json();
    expect(message).toMatch(
      new RegExp(
        `^Releases for fiscal year ${THIS_FISCAL_YEAR} closed on .+ \\(Asia/Jakarta\\): tranche 1 \\(Rp 30\\.000\\.000\\) was not released in time and carries over as SiLPA$`,
      ),
    );
    const [ceiling] = await disbursements.db.query('SELECT released FROM budget_ceiling WHERE program_code = $1', [PROGRAMME]);
    expect(ceiling.released).toBe('50000000');
  });

  it('reports every committed tranche not released as carry-over (SiLPA), with totals', async () => {
    const report = await carryOver(tokens.admin);
    expect(report).toMatchObject({
      closed: true,
      total: 110_000_000,
      byProgramme: [{ programCode: PROGRAMME, amount: 110_000_000, tranches: 3 }],
    });
    expect(
      report.items.map((i: { proposalId: string; trancheNumber: number; amount: number }) => [i.proposalId, i.trancheNumber, i.amount]),
    ).toEqual(
      expect.arrayContaining([
        [first, 2, 50_000_000],
        [second, 1, 30_000_000],
        [second, 2, 30_000_000],
      ]),
    );
    expect(report.items).toHaveLength(3);
    expect((await gateway.call('GET', `/api/v1/fiscal-years/${THIS_FISCAL_YEAR}/carry-over`, { token: tokens.bkm })).status).toBe(403);
    const history = await disbursements.audit.history('fiscal-year', `14.03/${THIS_FISCAL_YEAR}`);
    expect(history.map((r) => r.action)).toEqual(['fiscal-year.releases-closing-set']);
  });
});
