import { createTestIsolation, removeTestResources } from '@alur/testing';
import { fuzzCases, runFuzz } from '../../bench/fuzz/request-fuzz';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { kotakuDraft } from '../proposals/proposal-fixtures';
import { RunningProposals, startProposals } from '../proposals/proposals-harness';

/** A fixed seed: the same few hundred bad requests every run (`npm run fuzz` sends ten thousand and more). */
const SEED = 20261130;
const SAMPLE = 200;

describe('a seeded sample of generated bad requests', () => {
  const isolation = createTestIsolation();
  let proposals: RunningProposals;
  let gateway: RunningGateway;

  beforeAll(async () => {
    proposals = await startProposals(isolation);
    gateway = await startGateway(isolation);
  });

  afterAll(async () => {
    await gateway?.close();
    await proposals?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('gets no 5xx, a field named in every 400, and no partial write', async () => {
    const bkmToken = await gateway.tokenOf('bkm.14.03.09.1004');
    const adminToken = await gateway.tokenOf('admin');
    const draft = await (await gateway.call('POST', '/api/v1/proposals', { token: bkmToken, body: kotakuDraft() })).json();
    const target = { url: gateway.url, bkmToken, adminToken, draftId: draft.id, validProposal: kotakuDraft() };
    const report = await runFuzz(target, fuzzCases(target, SAMPLE, SEED));
    expect(report.failures).toEqual([]);
    expect({ requests: report.requests, serverErrors: report.serverErrors, noAnswer: report.noAnswer, badRequestsWithoutField: report.badRequestsWithoutField, partialWrites: report.partialWrites }).toEqual({
      requests: SAMPLE,
      serverErrors: 0,
      noAnswer: 0,
      badRequestsWithoutField: 0,
      partialWrites: 0,
    });
  });
});
