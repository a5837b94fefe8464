import { randomUUID } from 'node:crypto';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import {
  approval,
  BKM_ACCOUNT,
  EventPublisher,
  fundedDisbursements,
  programme,
  ProgrammePublishedV1,
  ProposalApprovedV1,
  ProposalSubmittedV1,
  RunningDisbursements,
  startDisbursements,
  submission,
} from './disbursements-harness';

const BALIK_ALAM = '14.03.09.1004';
const PROGRAMME = 'KOTAKU-REK';
const AMOUNT = 100_000_000;
/** The account a BKM letter moved the grant to after the proposal was approved. */
const NEW_ACCOUNT = { bankName: 'Bank Rakyat Indonesia', accountNumber: '002101000123', accountHolder: 'BKM Balik Alam' };

describe('an SPM paying into the account the BKM gave in its proposal', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  let events: EventPublisher;
  const tokens: Record<string, string> = {};
  const proposalId = randomUUID();
  let disbursementId: string;

  const prepare = (body: object, token = tokens.bpkad) =>
    gateway.call('POST', `/api/v1/disbursements/${disbursementId}/tranches/1/spm`, {
      token,
      body: { sp2dNumber: 'SP2D-REK-0001', ...body },
      headers: { 'Idempotency-Key': randomUUID() },
    });
  const returnSpm = (reason: string) =>
    gateway.call('POST', `/api/v1/disbursements/${disbursementId}/tranches/1/spm/return`, { token: tokens.kuasaBud, body: { reason } });
  const disbursementAs = async (token: string) =>
    (await (await gateway.call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, { token })).json()).items[0];
  const refusal = async (response: { status: number; json(): Promise<{ errors?: Array<{ field: string; code?: string }> }> }) => [
    response.status,
    (await response.json()).errors?.map((e) => [e.field, e.code]),
  ];

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    for (const [name, username] of Object.entries({ bpkad: 'bpkad', kuasaBud: 'bpkad.kuasa-bud', bkm: `bkm.${BALIK_ALAM}` })) {
      tokens[name] = await gateway.tokenOf(username);
    }
    await events.publish(
      ProgrammePublishedV1,
      PROGRAMME,
      programme(PROGRAMME, {
        tranchePlan: [{ shareBp: 10_000, unlockProgressPercent: 0 }],
        ceiling: { regionLevel: 'district', amount: 1_000_000_000 },
      }),
    );
    await events.publish(
      ProposalSubmittedV1,
      proposalId,
      submission(PROGRAMME, BALIK_ALAM, { requestedAmount: AMOUNT, selfHelpAmount: 0 }, proposalId),
    );
    await events.publish(ProposalApprovedV1, proposalId, approval(PROGRAMME, BALIK_ALAM, AMOUNT, new Date(), { proposalId }));
    ({ [proposalId]: disbursementId } = await fundedDisbursements(gateway, tokens.bpkad, [proposalId]));
  });

  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('shows BPKAD and the BKM the account from the proposal', async () => {
    expect((await disbursementAs(tokens.bpkad)).payeeAccount).toEqual(BKM_ACCOUNT);
    expect((await disbursementAs(tokens.bkm)).payeeAccount).toEqual(BKM_ACCOUNT);
  });

  it('refuses (400) another account without a reason, and a reason for the proposal’s own account; nothing is prepared', async () => {
    expect(await refusal(await prepare({ bankAccount: NEW_ACCOUNT }))).toEqual([
      400,
      [['accountChangeNote', 'ACCOUNT_CHANGE_NOTE_REQUIRED']],
    ]);
    // The same number in another name is another account.
    expect(await refusal(await prepare({ bankAccount: { ...BKM_ACCOUNT, accountHolder: 'Budi Santoso' } }))).toEqual([
      400,
      [['accountChangeNote', 'ACCOUNT_CHANGE_NOTE_REQUIRED']],
    ]);
    expect(await refusal(await prepare({ bankAccount: BKM_ACCOUNT, accountChangeNote: 'Rekening baru' }))).toEqual([
      400,
      [['accountChangeNote', 'ACCOUNT_UNCHANGED']],
    ]);
    expect((await disbursementAs(tokens.bpkad)).tranches[0]).toMatchObject({ status: 'READY', spm: null });
  });

  it('prepares an SPM to another account with its reason, which the second official reads, the event carries and the audit trail keeps', async () => {
    const reason = 'Surat BKM No. 12/BKM-BA/XI/2026: rekening dipindahkan ke BRI';
    const prepared = await prepare({ bankAccount: NEW_ACCOUNT, accountChangeNote: reason });
    expect(prepared.status).toBe(200);
    expect(await prepared.json()).toMatchObject({ bankAccount: NEW_ACCOUNT, accountChangeNote: reason });

    const seen = await disbursementAs(tokens.kuasaBud);
    expect(seen.payeeAccount).toEqual(BKM_ACCOUNT);
    expect(seen.tranches[0].spm).toMatchObject({ bankAccount: NEW_ACCOUNT, accountChangeNote: reason });
    const [event] = await disbursements.db.query(
      `SELECT envelope->'payload' AS payload FROM outbox_event WHERE envelope->>'type' = 'disbursements.tranche-prepared'`,
    );
    expect(event.payload).toMatchObject({ bankAccount: NEW_ACCOUNT, accountChangeNote: reason });
    const [audit] = await disbursements.db.query(`SELECT after FROM audit_record WHERE action = 'tranche.prepared'`);
    expect(audit.after).toMatchObject({ bankAccount: NEW_ACCOUNT, accountChangeNote: reason, proposalAccount: BKM_ACCOUNT });

    // Returned, the SPM keeps its reason for whoever prepares the next one.
    expect((await returnSpm('Surat BKM belum dilegalisasi')).status).toBe(200);
    expect((await disbursementAs(tokens.bpkad)).tranches[0].returnedSpm).toMatchObject({
      bankAccount: NEW_ACCOUNT,
      accountChangeNote: reason,
    });
  });

  it('prepares an SPM to the proposal’s account, however its letters were typed, with no reason kept', async () => {
    const typed = { bankName: 'bank riau kepri  syariah', accountNumber: BKM_ACCOUNT.accountNumber, accountHolder: 'BKM BALIK ALAM' };
    const prepared = await prepare({ bankAccount: typed });
    expect(prepared.status).toBe(200);
    expect(await prepared.json()).toMatchObject({ accountChangeNote: null });
    const [, event] = await disbursements.db.query(
      `SELECT envelope->'payload' AS payload FROM outbox_event WHERE envelope->>'type' = 'disbursements.tranche-prepared' ORDER BY seq`,
    );
    expect(event.payload).not.toHaveProperty('accountChangeNote');
  });

  it('keeps the account of the latest submission, whatever order the submissions are heard in', async () => {
    const other = randomUUID();
    const second = { ...submission(PROGRAMME, BALIK_ALAM, { requestedAmount: AMOUNT, selfHelpAmount: 0 }, other), submissionNumber: 2 };
    await events.publish(ProposalSubmittedV1, other, { ...second, payeeAccount: NEW_ACCOUNT });
    await events.publish(
      ProposalSubmittedV1,
      other,
      submission(PROGRAMME, BALIK_ALAM, { requestedAmount: AMOUNT, selfHelpAmount: 0 }, other),
    );
    await events.publish(ProposalApprovedV1, other, approval(PROGRAMME, BALIK_ALAM, AMOUNT, new Date(), { proposalId: other }));
    await expectEventually(async () => {
      const [item] = (await (await gateway.call('GET', `/api/v1/disbursements?proposalId=${other}`, { token: tokens.bpkad })).json()).items;
      expect(item?.payeeAccount).toEqual(NEW_ACCOUNT);
    });
  });

  it('lets a replica of the release before, still running during a rolling upgrade, keep and read each swadaya under the old name', async () => {
    const older = randomUUID();
    // The statements of the release before, as they were.
    const keep = (submissionNumber: number, amount: number) =>
      disbursements.db.query(
        `INSERT INTO proposal_self_help (proposal_id, submission_number, self_help_amount) VALUES ($1, $2, $3)
         ON CONFLICT (proposal_id) DO UPDATE SET submission_number = EXCLUDED.submission_number, self_help_amount = EXCLUDED.self_help_amount, updated_at = now()
         WHERE proposal_self_help.submission_number < EXCLUDED.submission_number`,
        [older, submissionNumber, String(amount)],
      );
    await keep(2, 7_000_000);
    await keep(1, 5_000_000);
    expect(await disbursements.db.query('SELECT self_help_amount FROM proposal_self_help WHERE proposal_id = $1', [older])).toEqual([
      { self_help_amount: '7000000' },
    ]);
    expect(
      await disbursements.db.query('SELECT submission_number, payee_account FROM proposal_submission WHERE proposal_id = $1', [older]),
    ).toEqual([{ submission_number: 2, payee_account: null }]);
  });
});
