import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createServiceApp } from '@alur/platform';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { RunningDisbursements, startDisbursements } from '../disbursements/disbursements-harness';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { BALIK_ALAM, kotakuDraft, MANDAU } from '../proposals/proposal-fixtures';
import { RunningProposals, startProposals } from '../proposals/proposals-harness';
import { openStageOf, waitingOn } from './approvals-harness';

const BKM = `bkm.${BALIK_ALAM}`;
const BEFORE_BUPATI = [`lurah.${BALIK_ALAM}`, `camat.${MANDAU}`, 'dinas', 'sekda'];

describe('a BKM withdrawing while the Bupati approves: one of them wins, the other gets 409', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  let approvals: INestApplication;
  let approvalsDb: DataSource;
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  const tokens: Record<string, string> = {};
  const token = async (username: string) => (tokens[username] ??= await gateway.tokenOf(username));
  const show = async (id: string) => (await gateway.call('GET', `/api/v1/proposals/${id}`, { token: await token(BKM) })).json();
  const decide = async (username: string, stageId: string) =>
    gateway.call('POST', `/api/v1/approvals/${stageId}/decision`, { token: await token(username), body: { decision: 'APPROVE' } });
  const withdraw = async (proposalId: string) =>
    gateway.call('POST', `/api/v1/proposals/${proposalId}/withdraw`, { token: await token(BKM), body: { reason: 'Didanai APBDes' } });
  const disbursementOf = async (proposalId: string) =>
    (await disbursements.db.query('SELECT status FROM disbursement WHERE proposal_id = $1', [proposalId])) as Array<{ status: string }>;

  /** A submitted proposal approved by every official but the Bupati; returns its id and the Bupati's stage. */
  const atBupati = async (): Promise<{ proposalId: string; stageId: string }> => {
    const draft = await (await gateway.call('POST', '/api/v1/proposals', { token: await token(BKM), body: kotakuDraft() })).json();
    expect((await gateway.call('POST', `/api/v1/proposals/${draft.id}/submit`, { token: await token(BKM), body: {} })).status).toBe(200);
    let stageId = (await expectEventually(async () => (await openStageOf(approvalsDb, draft.id))!.id)) as string;
    for (const official of BEFORE_BUPATI) {
      const decided = await decide(official, stageId);
      expect(decided.status).toBe(200);
      stageId = (await decided.json()).nextStage.stageId;
    }
    // The proposal is IN_REVIEW on the BKM's side too, so the gateway takes the withdrawal to the approvals service.
    await expectEventually(async () => expect(await show(draft.id)).toMatchObject({ status: 'IN_REVIEW', currentStage: { order: 5 } }));
    return { proposalId: draft.id, stageId };
  };

  /** The Bupati's approval ended the review: the BKM's withdrawal is refused and the proposal is funded. */
  const expectApprovalStands = async (proposalId: string) => {
    await expectEventually(async () => expect((await show(proposalId)).status).toBe('FUNDING'));
    expect(await disbursementOf(proposalId)).toEqual([{ status: 'FUNDING' }]);
  };
  /** The withdrawal ended the review: no decision can follow, and nothing is committed for the proposal. */
  const expectWithdrawalStands = async (proposalId: string) => {
    await expectEventually(async () => expect((await show(proposalId)).status).toBe('WITHDRAWN'));
    const [chain] = await approvalsDb.query('SELECT status FROM approval_chain WHERE proposal_id = $1', [proposalId]);
    expect(chain.status).toBe('WITHDRAWN');
    expect(await approvalsDb.query(`SELECT 1 FROM approval_stage WHERE proposal_id = $1 AND status = 'OPEN'`, [proposalId])).toEqual([]);
    await expectEventually(async () =>
      expect(await disbursements.db.query('SELECT 1 FROM proposal_withdrawal WHERE proposal_id = $1', [proposalId])).toHaveLength(1),
    );
    expect(await disbursementOf(proposalId)).toEqual([]);
  };

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    proposals = await startProposals(isolation);
    approvals = await createServiceApp(ApprovalsModule.forRoot({ ...isolation.env, APPROVALS_PORT: '0' }), 'approvals', { rpc: true });
    approvalsDb = approvals.get(DataSource);
    gateway = await startGateway(isolation);
  });

  afterAll(async () => {
    await gateway?.close();
    await approvals?.close();
    await proposals?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('lets exactly one of a withdrawal and the last approval arriving at the same moment win', async () => {
    const { proposalId, stageId } = await atBupati();
    // Hold the chain row so that both requests reach it and wait; released, they go one after the other.
    const holder = approvalsDb.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let answers: Array<{ status: number; json(): Promise<any> }>;
    try {
      await holder.query('SELECT 1 FROM approval_chain WHERE proposal_id = $1 FOR UPDATE', [proposalId]);
      const racing = Promise.all([withdraw(proposalId), decide('bupati', stageId)]);
      await expectEventually(async () => expect(await waitingOn(approvalsDb, holder)).toBe(2));
      await holder.commitTransaction();
      answers = await racing;
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    const [withdrawal, approval] = answers;
    expect([withdrawal.status, approval.status].sort()).toEqual([200, 409]);
    if (approval.status === 200) {
      expect((await withdrawal.json()).message).toBe('The proposal was already approved and can no longer be withdrawn');
      await expectApprovalStands(proposalId);
    } else {
      expect((await approval.json()).message).toBe('The proposal was withdrawn a moment ago: this stage can no longer be decided');
      await expectWithdrawalStands(proposalId);
    }
  });

  it('refuses a withdrawal that comes after the last approval, and keeps the proposal funded', async () => {
    const { proposalId, stageId } = await atBupati();
    expect((await decide('bupati', stageId)).status).toBe(200);
    const late = await withdraw(proposalId);
    expect(late.status).toBe(409);
    expect((await late.json()).message).toBe('The proposal was already approved and can no longer be withdrawn');
    await expectApprovalStands(proposalId);
  });

  it('refuses the last approval once the withdrawal is accepted, and commits nothing', async () => {
    const { proposalId, stageId } = await atBupati();
    const withdrawn = await withdraw(proposalId);
    expect(withdrawn.status).toBe(200);
    expect((await withdrawn.json()).status).toBe('WITHDRAWN');
    const late = await decide('bupati', stageId);
    expect(late.status).toBe(409);
    await expectWithdrawalStands(proposalId);
  });
});
