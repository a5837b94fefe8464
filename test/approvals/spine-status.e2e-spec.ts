import { randomUUID } from 'node:crypto';
import { ProposalSubmittedV1 } from '@alur/contracts';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { ApprovalsWorld, useApprovalsWorld } from './approvals-harness';

describe("administrators see each service's event spine", () => {
  const isolation = createTestIsolation();
  let world: ApprovalsWorld;

  useApprovalsWorld(isolation, (started) => (world = started));

  it('shows a dead letter, the aggregate it parks and the event held behind it; only to an ADMIN', async () => {
    const proposalId = randomUUID();
    // A producer's bug: a submission without its chain. It parks the proposal; its valid resubmission waits behind it.
    await world.publish(ProposalSubmittedV1, proposalId, { proposalId, title: 'tanpa rantai persetujuan' });
    await world.submit({ proposalId });

    const admin = await world.gateway.tokenOf('admin');
    const approvals = await expectEventually(async () => {
      const response = await world.gateway.call('GET', '/api/v1/system/spine', { token: admin });
      expect(response.status).toBe(200);
      const { services } = await response.json();
      const found = services.find((s: { service: string }) => s.service === 'approvals');
      expect(found.consumer).toMatchObject({ deadLetters: 1, parkedAggregates: 1, heldBehindDeadLetters: 1 });
      return { found, services };
    });
    expect(approvals.found.state).toBe('degraded');
    expect(approvals.found.reasons).toEqual(['1 dead letter(s), 1 aggregate(s) parked, 1 event(s) held']);
    // The services not running in this test say so instead of failing the whole view.
    expect(approvals.services.find((s: { service: string }) => s.service === 'disbursements')).toMatchObject({ state: 'unknown' });

    expect((await world.gateway.call('GET', '/api/v1/system/spine', { token: await world.gateway.tokenOf('sekda') })).status).toBe(403);
    expect((await world.gateway.call('GET', '/api/v1/system/spine')).status).toBe(401);
  });
});
