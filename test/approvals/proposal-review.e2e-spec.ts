import { createServiceApp } from '@alur/platform';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { BALIK_ALAM, kotakuDraft, MANDAU } from '../proposals/proposal-fixtures';
import { RunningProposals, startProposals } from '../proposals/proposals-harness';

const LURAH = `lurah.${BALIK_ALAM}`;
const CAMAT = `camat.${MANDAU}`;

describe('a proposal followed through review, with the proposals and approvals services together', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  let approvals: INestApplication;
  let gateway: RunningGateway;
  const tokens: Record<string, string> = {};
  const token = async (username: string) => (tokens[username] ??= await gateway.tokenOf(username));
  const show = async (id: string) =>
    (await gateway.call('GET', `/api/v1/proposals/${id}`, { token: await token(`bkm.${BALIK_ALAM}`) })).json();

  beforeAll(async () => {
    proposals = await startProposals(isolation);
    approvals = await createServiceApp(ApprovalsModule.forRoot({ ...isolation.env, APPROVALS_PORT: '0' }), 'approvals', { rpc: true });
    gateway = await startGateway(isolation);
  });

  afterAll(async () => {
    await gateway?.close();
    await approvals?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('goes IN_REVIEW at the first stage, shows the stage it waits at, and restarts the chain after a return', async () => {
    const bkm = await token(`bkm.${BALIK_ALAM}`);
    const draft = await (await gateway.call('POST', '/api/v1/proposals', { token: bkm, body: kotakuDraft() })).json();
    expect((await gateway.call('POST', `/api/v1/proposals/${draft.id}/submit`, { token: bkm, body: {} })).status).toBe(200);

    const atLurah = await expectEventually(async () => {
      const shown = await show(draft.id);
      expect(shown).toMatchObject({ status: 'IN_REVIEW', currentStage: { order: 1, role: 'LURAH', regionCode: BALIK_ALAM } });
      return shown;
    });
    const lurahInbox = await (await gateway.call('GET', '/api/v1/approvals/inbox', { token: await token(LURAH) })).json();
    expect(lurahInbox.items.map((i: { proposal: { proposalId: string } }) => i.proposal.proposalId)).toContain(draft.id);

    const approve = await gateway.call('POST', `/api/v1/approvals/${atLurah.currentStage.stageId}/decision`, {
      token: await token(LURAH),
      body: { decision: 'APPROVE' },
    });
    expect(approve.status).toBe(200);
    const atCamat = await expectEventually(async () => {
      const shown = await show(draft.id);
      expect(shown).toMatchObject({ status: 'IN_REVIEW', currentStage: { order: 2, role: 'CAMAT', regionCode: MANDAU } });
      return shown;
    });

    const returned = await gateway.call('POST', `/api/v1/approvals/${atCamat.currentStage.stageId}/decision`, {
      token: await token(CAMAT),
      body: { decision: 'RETURN', note: 'Tambahkan foto lokasi' },
    });
    expect(returned.status).toBe(200);
    const back = await expectEventually(async () => {
      const shown = await show(draft.id);
      expect(shown).toMatchObject({ status: 'RETURNED', currentStage: null });
      return shown;
    });
    const kinds = back.timeline.map((e: { kind: string; toStatus: string | null }) => [e.kind, e.toStatus]);
    expect(kinds.slice(-5)).toEqual([
      ['approval.stage-opened', 'IN_REVIEW'],
      ['approval.stage-decided', null],
      ['approval.stage-opened', null],
      ['approval.stage-decided', null],
      ['proposal.returned', 'RETURNED'],
    ]);
    expect(back.timeline.at(-1)).toMatchObject({ note: 'Tambahkan foto lokasi', actor: { username: CAMAT } });

    expect((await gateway.call('POST', `/api/v1/proposals/${draft.id}/submit`, { token: bkm, body: {} })).status).toBe(200);
    await expectEventually(async () =>
      expect(await show(draft.id)).toMatchObject({ status: 'IN_REVIEW', submissionNumber: 2, currentStage: { order: 1, role: 'LURAH' } }),
    );
    const stages = (await approvals
      .get(DataSource)
      .query(`SELECT submission_number, stage_order, status FROM approval_stage WHERE proposal_id = $1 ORDER BY opened_at`, [
        draft.id,
      ])) as unknown[];
    expect(stages).toEqual([
      { submission_number: 1, stage_order: 1, status: 'APPROVED' },
      { submission_number: 1, stage_order: 2, status: 'RETURNED' },
      { submission_number: 2, stage_order: 1, status: 'OPEN' },
    ]);
  });
});
