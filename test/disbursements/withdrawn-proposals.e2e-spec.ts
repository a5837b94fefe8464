import { randomUUID } from 'node:crypto';
import { ProposalWithdrawnV1 } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
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

const BALIK_ALAM = '14.03.09.1004';
const PROGRAMME = 'WD-2026';
const HALF_AND_HALF = [
  { shareBp: 5000, unlockProgressPercent: 0 },
  { shareBp: 5000, unlockProgressPercent: 50 },
];

describe('a withdrawn proposal is never funded', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  let events: EventPublisher;
  let bpkad: string;

  const disbursementOf = async (proposalId: string) => {
    const response = await gateway.call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, { token: bpkad });
    expect(response.status).toBe(200);
    return (await response.json()).items[0];
  };
  const ceiling = async () => {
    const [row] = await disbursements.db.query(
      `SELECT committed, released FROM budget_ceiling WHERE program_code = $1 AND region_code = $2`,
      [PROGRAMME, BALIK_ALAM],
    );
    return { committed: Number(row.committed), released: Number(row.released) };
  };
  const withdraw = (proposalId: string) => {
    const regions = RegionDirectory.shared();
    return events.publish(ProposalWithdrawnV1, proposalId, {
      proposalId,
      programCode: PROGRAMME,
      programVersion: 1,
      villageCode: BALIK_ALAM,
      districtCode: regions.districtOf(BALIK_ALAM)!.code,
      regencyCode: regions.regencyOf(BALIK_ALAM)!.code,
      fromStatus: 'IN_REVIEW',
      submissionNumber: 1,
      reason: 'Didanai APBDes',
    });
  };

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    bpkad = await gateway.tokenOf('bpkad');
    await events.publish(
      ProgrammePublishedV1,
      PROGRAMME,
      programme(PROGRAMME, { tranchePlan: HALF_AND_HALF, ceiling: { regionLevel: 'village', amount: 100_000_000 } }),
    );
  });
  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('gives back the commitment of a proposal withdrawn after it was funded, refuses its tranche, and funds the one waiting behind it', async () => {
    const first = approval(PROGRAMME, BALIK_ALAM, 60_000_000, new Date('2026-03-02T02:00:00Z'));
    const second = approval(PROGRAMME, BALIK_ALAM, 60_000_000, new Date('2026-03-02T03:00:00Z'));
    await events.publish(ProposalApprovedV1, first.proposalId, first);
    const funded = await expectEventually(async () => {
      const d = await disbursementOf(first.proposalId);
      expect(d?.status).toBe('FUNDING');
      return d;
    });
    await events.publish(ProposalApprovedV1, second.proposalId, second);
    await expectEventually(async () => expect((await disbursementOf(second.proposalId))?.status).toBe('AWAITING_BUDGET'));

    await withdraw(first.proposalId);
    await expectEventually(async () => expect((await disbursementOf(first.proposalId)).status).toBe('WITHDRAWN'));
    expect((await disbursementOf(first.proposalId)).tranches.map((t: { status: string }) => t.status)).toEqual(['CANCELLED', 'CANCELLED']);
    // The freed pagu goes to the proposal that was waiting for it; the withdrawn one holds none of it.
    expect((await disbursementOf(second.proposalId)).status).toBe('FUNDING');
    expect(await ceiling()).toEqual({ committed: 60_000_000, released: 0 });

    const release = await gateway.call('POST', `/api/v1/disbursements/${funded.id}/tranches/1/release`, {
      token: bpkad,
      body: { sp2dNumber: '01/SP2D/LS/2026', releasedAt: new Date().toISOString() },
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(release.status).toBe(409);
    expect((await release.json()).message).toMatch(/withdrawn/);
    expect(await ceiling()).toEqual({ committed: 60_000_000, released: 0 });
  });

  it('commits nothing for a proposal whose withdrawal is heard before its approval', async () => {
    const late = approval(PROGRAMME, BALIK_ALAM, 10_000_000, new Date('2026-03-03T02:00:00Z'));
    await withdraw(late.proposalId);
    await expectEventually(async () => {
      expect(await disbursements.db.query('SELECT 1 FROM proposal_withdrawal WHERE proposal_id = $1', [late.proposalId])).toHaveLength(1);
    });
    await events.publish(ProposalApprovedV1, late.proposalId, late);
    await expectEventually(async () => {
      const history = await disbursements.audit.history('proposal', late.proposalId);
      expect(history.map((r) => r.action)).toEqual(['disbursement.approval-after-withdrawal']);
    });
    expect(await disbursementOf(late.proposalId)).toBeUndefined();
    expect(await ceiling()).toEqual({ committed: 60_000_000, released: 0 });
  });
});
