import { createTestIsolation, removeTestResources } from '@alur/testing';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { assignCallers, CALLER_ORDER, fuzzCases, loginCallers, Operation, operationsOf, runFuzz } from '../../bench/fuzz/request-fuzz';
import { kotakuDraft } from '../proposals/proposal-fixtures';
import { RunningSystem, startSystem } from '../web/console-harness';

/** A fixed seed: the same few hundred bad requests every run (`npm run fuzz` sends ten thousand and more). */
const SEED = 20261130;
const SAMPLE = 600;

describe('a seeded sample of bad requests generated from the request contracts', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem(isolation);
  });

  afterAll(async () => {
    await system?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('reaches every operation of the OpenAPI document, each by a caller it lets in', async () => {
    const operations = await operationsOf(system.url);
    // The document lists the API's operations: the proposal's own and the finance's among them.
    expect(operations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['POST /api/v1/proposals', 'GET /api/v1/approvals/inbox', 'POST /api/v1/approvals/{stageId}/decision']),
    );
    expect(operations.length).toBeGreaterThan(50);
  });

  it('gets an answer, no 5xx, a field named in every 400, and no partial write', async () => {
    const tokens = await loginCallers(system.url, DEMO_PASSWORD);
    const draft = await (
      await fetch(`${system.url}/api/v1/proposals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.bkm}` },
        body: JSON.stringify(kotakuDraft()),
      })
    ).json();
    const target = {
      url: system.url,
      tokens,
      ids: { default: draft.id },
      draftId: draft.id,
      validBodies: { 'POST /api/v1/proposals': kotakuDraft() },
    };
    const operations: Operation[] = await assignCallers(target, await operationsOf(system.url), CALLER_ORDER);
    const report = await runFuzz(target, fuzzCases(target, operations, SAMPLE, SEED));
    // Each failure names the operation, the mutation, the request and the answer.
    expect(report.failures).toEqual([]);
    expect({
      requests: report.requests,
      serverErrors: report.serverErrors,
      noAnswer: report.noAnswer,
      badRequestsWithoutField: report.badRequestsWithoutField,
      partialWrites: report.partialWrites,
    }).toEqual({
      requests: SAMPLE,
      serverErrors: 0,
      noAnswer: 0,
      badRequestsWithoutField: 0,
      partialWrites: 0,
    });
    // The sample spread over the API, not one route.
    expect(report.operations).toBeGreaterThan(operations.length / 2);
  });
});
