import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@alur/audit';
import {
  Actor,
  ApprovalStage as StageDefinition,
  ConflictError,
  DecideStage,
  ForbiddenError,
  NotFoundError,
  ProposalSubmittedPayload,
  Role,
} from '@alur/contracts';
import { AfterCommit, Transactions } from '@alur/database';
import { ChangeRecorder, OutboxService } from '@alur/messaging';
import { as, InMemoryTransactions, PendingAfterCommit, RecordingAuditTrail, RecordingOutbox, refusalOf } from '@alur/testing';
import { StartApprovalChainUseCase } from '../../chain/use-cases/start-approval-chain.use-case';
import { StageCloser } from '../../stages/stage-closer.service';
import { StageOpener } from '../../stages/stage-opener.service';
import {
  InMemoryActingAppointments,
  InMemoryApprovalChains,
  InMemoryApprovalStages,
  InMemoryStageTimers,
} from '../../testing/in-memory-repositories';
import { RecordingScheduler } from '../../testing/recording-scheduler';
import { AIR_JAMBAN, BALIK_ALAM, BENGKALIS, BUKIT_BATU, MANDAU, TEST_REGIONS as regions } from '../../testing/test-regions';
import { StageTimerScheduler } from '../../timers/stage-timer-scheduler.service';
import { StageTimerRepository } from '../../timers/stage-timer.repository';
import { CalendarWorkingClock } from '../../working-days/domain/calendar-working-clock';
import { WorkingCalendar } from '../../working-days/working-calendar.service';
import { DecideStageCommand, DecideStageUseCase } from './decide-stage.use-case';

// The decision rules against in-memory repositories: no database, so a broken rule fails in milliseconds.
// The row locks, the conditional UPDATE under concurrency and the SQL are the end-to-end tests'
// (test/approvals/approval-chain.e2e-spec.ts, withdrawal-race.e2e-spec.ts).

const official = (username: string, role: string, regionCode: string): Actor => ({ userId: `u-${username}`, username, role, regionCode });
const LURAH = official(`lurah.${BALIK_ALAM}`, 'LURAH', BALIK_ALAM);
const CAMAT = official(`camat.${MANDAU}`, 'CAMAT', MANDAU);
const DINAS = official('dinas', 'DINAS', BENGKALIS);
const SEKDA = official('sekda', 'SEKDA', BENGKALIS);
const BUPATI = official('bupati', 'BUPATI', BENGKALIS);
const OFFICIALS = [LURAH, CAMAT, DINAS, SEKDA, BUPATI];
const BKM = official(`bkm.${BALIK_ALAM}`, 'BKM', BALIK_ALAM);
const LURAH_AIR_JAMBAN = official(`lurah.${AIR_JAMBAN}`, 'LURAH', AIR_JAMBAN);
const CAMAT_BUKIT_BATU = official(`camat.${BUKIT_BATU}`, 'CAMAT', BUKIT_BATU);

/** KOTAKU-2026's chain: Lurah → Camat → Dinas → Sekda → Bupati, three working days each. */
const FIVE_STAGE_CHAIN: StageDefinition[] = [
  { role: 'LURAH', regionLevel: 'village', serviceLevelWorkingDays: 3 },
  { role: 'CAMAT', regionLevel: 'district', serviceLevelWorkingDays: 3 },
  { role: 'DINAS', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
  { role: 'SEKDA', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
  { role: 'BUPATI', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
];

function setUp() {
  const stages = new InMemoryApprovalStages();
  const chains = new InMemoryApprovalChains(stages);
  // A class with a private member (its DataSource) accepts only its own instances: this one stands in for it.
  const timers = as<StageTimerRepository>(new InMemoryStageTimers(stages));
  const appointments = new InMemoryActingAppointments();
  const outbox = new RecordingOutbox();
  const audit = new RecordingAuditTrail();
  const afterCommit = new PendingAfterCommit();
  const scheduler = new RecordingScheduler();
  const transactions = as<Transactions>(new InMemoryTransactions(stages));
  const calendar = as<WorkingCalendar>({ clock: new CalendarWorkingClock('Asia/Jakarta', new Set()) });
  // The stand-ins as the constructors take them.
  const asOutbox = as<OutboxService>(outbox);
  const asAudit = as<AuditTrail>(audit);
  const asAfterCommit = as<AfterCommit>(afterCommit);
  const asScheduler = as<StageTimerScheduler>(scheduler);
  const changes = new ChangeRecorder(asOutbox, asAudit);
  const opener = new StageOpener(calendar, stages, timers, changes, asAfterCommit, asScheduler);
  const closer = new StageCloser(stages, timers, asAudit, asAfterCommit, asScheduler);
  const startChain = new StartApprovalChainUseCase(chains, opener, closer);
  const useCase = new DecideStageUseCase(transactions, stages, chains, appointments, regions, opener, closer, changes);

  /** The BKM of Balik Alam submits (ProposalSubmitted arrives, and its transaction commits). */
  const submit = async (overrides: Partial<ProposalSubmittedPayload> = {}) => {
    const payload: ProposalSubmittedPayload = {
      proposalId: randomUUID(),
      programCode: 'KOTAKU-2026',
      programVersion: 1,
      villageCode: BALIK_ALAM,
      districtCode: MANDAU,
      regencyCode: BENGKALIS,
      title: 'Semenisasi jalan lingkungan RT 03',
      category: 'INFRASTRUCTURE',
      budgetTotal: 210_000_000,
      selfHelpAmount: 10_500_000,
      requestedAmount: 199_500_000,
      bkmUserId: BKM.userId,
      submissionNumber: 1,
      approvalChain: FIVE_STAGE_CHAIN,
      reminderSchedule: { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 },
      ...overrides,
    };
    await startChain.execute(transactions.manager, payload, BKM);
    await afterCommit.commit();
    return payload;
  };
  /** The official decides, through the request's contract as the service reads it, and the decision's transaction commits. */
  const decide = async (actor: Actor, command: DecideStageCommand) => {
    const result = await useCase.execute(actor, DecideStage.request.parse(command));
    await afterCommit.commit();
    return DecideStage.answer.parse(result);
  };
  const openStageOf = (proposalId: string) => stages.rows.find((s) => s.proposalId === proposalId && s.status === 'OPEN');
  const announced = (proposalId: string) => outbox.of(proposalId).map((event) => event.type);
  /** An admin made `acting` Plt of `actingFor`, for the stages of `scope`, an hour ago and for two hours. */
  const appoint = (acting: Actor, actingFor: Actor, scope: { role: Role; regionCode: string }) =>
    appointments.insert(transactions.manager, {
      id: randomUUID(),
      actingUserId: acting.userId,
      actingUsername: acting.username,
      forUserId: actingFor.userId,
      forUsername: actingFor.username,
      ...scope,
      validFrom: new Date(Date.now() - 3600_000),
      validUntil: new Date(Date.now() + 3600_000),
      createdBy: official('admin', 'ADMIN', BENGKALIS),
    });

  return { decide, submit, openStageOf, announced, appoint, outbox, audit, scheduler };
}

describe('deciding an approval stage', () => {
  it('approving opens the next stage, for the Camat of the kecamatan, and clears the Lurah’s reminders', async () => {
    const { decide, submit, openStageOf, announced, scheduler } = setUp();
    const proposal = await submit();
    const first = openStageOf(proposal.proposalId)!;
    expect(first).toMatchObject({ stageOrder: 1, role: 'LURAH', regionCode: BALIK_ALAM });

    const result = await decide(LURAH, { stageId: first.id, decision: 'APPROVE' });

    expect(result.proposalStatus).toBe('IN_REVIEW');
    expect(result.stage).toMatchObject({
      stageId: first.id,
      stageOrder: 1,
      status: 'APPROVED',
      decidedBy: { username: LURAH.username, role: 'LURAH' },
      note: null,
      overdue: false,
      version: 2,
    });
    expect(result.nextStage).toMatchObject({
      proposalId: proposal.proposalId,
      stageOrder: 2,
      stageCount: 5,
      role: 'CAMAT',
      regionLevel: 'district',
      regionCode: MANDAU,
      status: 'OPEN',
      openedAt: result.stage.decidedAt,
      decidedBy: null,
    });
    // Three working days from the decision: after it, and never on a weekend.
    const due = new Date(result.nextStage!.dueAt);
    expect(due.getTime()).toBeGreaterThan(new Date(result.stage.decidedAt!).getTime());
    expect([0, 6]).not.toContain(new Date(due.getTime() + 7 * 3600_000).getUTCDay());
    expect(openStageOf(proposal.proposalId)?.id).toBe(result.nextStage!.stageId);
    expect(announced(proposal.proposalId)).toEqual([
      'approvals.approval-stage-opened',
      'approvals.approval-stage-decided',
      'approvals.approval-stage-opened',
    ]);
    // The Lurah is no longer reminded of it; the Camat will be: one alarm, for the Camat stage's first timer.
    expect(scheduler.pending()).toEqual([
      { stageId: result.nextStage!.stageId, kind: 'REMINDER_BEFORE', generation: 1, fireAt: expect.any(Date) },
    ]);
  });

  it('approving the last stage approves the proposal, naming who decided each stage', async () => {
    const { decide, submit, openStageOf, outbox } = setUp();
    const proposal = await submit();

    const statuses: string[] = [];
    for (const actor of OFFICIALS) {
      const result = await decide(actor, { stageId: openStageOf(proposal.proposalId)!.id, decision: 'APPROVE' });
      statuses.push(result.proposalStatus);
      if (actor === BUPATI) expect(result.nextStage).toBeNull();
    }

    expect(statuses).toEqual(['IN_REVIEW', 'IN_REVIEW', 'IN_REVIEW', 'IN_REVIEW', 'APPROVED']);
    expect(openStageOf(proposal.proposalId)).toBeUndefined();
    const approved = outbox.of(proposal.proposalId).at(-1)!;
    expect(approved.type).toBe('approvals.proposal-approved');
    expect(approved.payload).toMatchObject({
      proposalId: proposal.proposalId,
      requestedAmount: 199_500_000,
      districtCode: MANDAU,
      stageDecisions: OFFICIALS.map((actor, index) => ({
        submissionNumber: 1,
        stageOrder: index + 1,
        role: FIVE_STAGE_CHAIN[index].role,
        decidedBy: { username: actor.username },
      })),
    });
  });

  it('returning the proposal ends the chain with the note for the BKM, and its resubmission starts again at the Lurah', async () => {
    const { decide, submit, openStageOf, outbox } = setUp();
    const proposal = await submit();
    await decide(LURAH, { stageId: openStageOf(proposal.proposalId)!.id, decision: 'APPROVE' });

    const returned = await decide(CAMAT, {
      stageId: openStageOf(proposal.proposalId)!.id,
      decision: 'RETURN',
      note: 'Lengkapi gambar DED dan RAB',
    });

    expect(returned).toMatchObject({
      proposalStatus: 'RETURNED',
      nextStage: null,
      stage: { stageOrder: 2, status: 'RETURNED', note: 'Lengkapi gambar DED dan RAB' },
    });
    expect(openStageOf(proposal.proposalId)).toBeUndefined();
    expect(outbox.of(proposal.proposalId).at(-1)).toMatchObject({
      type: 'approvals.proposal-returned',
      payload: { note: 'Lengkapi gambar DED dan RAB', stageOrder: 2, role: 'CAMAT' },
    });

    await submit({ proposalId: proposal.proposalId, submissionNumber: 2 });
    expect(openStageOf(proposal.proposalId)).toMatchObject({ submissionNumber: 2, stageOrder: 1, role: 'LURAH', regionCode: BALIK_ALAM });
  });

  it('rejecting ends the chain for good, with the reason; any later decision on the stage is a conflict', async () => {
    const { decide, submit, openStageOf, announced, outbox } = setUp();
    const proposal = await submit();
    const stage = openStageOf(proposal.proposalId)!;

    const rejected = await decide(LURAH, { stageId: stage.id, decision: 'REJECT', note: 'Lokasi bukan kawasan kumuh' });

    expect(rejected).toMatchObject({ proposalStatus: 'REJECTED', nextStage: null, stage: { status: 'REJECTED' } });
    expect(outbox.of(proposal.proposalId).at(-1)).toMatchObject({
      type: 'approvals.proposal-rejected',
      payload: { reason: 'Lokasi bukan kawasan kumuh' },
    });
    const before = announced(proposal.proposalId);

    const again = await refusalOf(decide(LURAH, { stageId: stage.id, decision: 'APPROVE' }));

    expect(again).toEqual({
      error: expect.any(ConflictError),
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'This stage is already REJECTED' },
    });
    expect(announced(proposal.proposalId)).toEqual(before);
  });

  it('deciding a stage already decided is a conflict, and the first decision stands', async () => {
    const { decide, submit, openStageOf, announced } = setUp();
    const proposal = await submit();
    const stage = openStageOf(proposal.proposalId)!;
    await decide(LURAH, { stageId: stage.id, decision: 'APPROVE' });

    const second = (await refusalOf(decide(LURAH, { stageId: stage.id, decision: 'REJECT', note: 'Tidak layak' }))).error;

    expect(second).toBeInstanceOf(ConflictError);
    expect(second.message).toBe('This stage is already APPROVED');
    expect(openStageOf(proposal.proposalId)).toMatchObject({ stageOrder: 2, role: 'CAMAT' });
    expect(announced(proposal.proposalId).filter((type) => type === 'approvals.approval-stage-decided')).toHaveLength(1);
  });

  it('hides the stage from officials of another region (not found) and refuses a wrong role where it is seen (forbidden)', async () => {
    const { decide, submit, openStageOf, announced } = setUp();
    const proposal = await submit();
    const stage = openStageOf(proposal.proposalId)!;
    const approve = (actor: Actor) => decide(actor, { stageId: stage.id, decision: 'APPROVE' });

    // The Lurah of the next village, and a Camat of another kecamatan, are not told the stage exists:
    // they are answered as for a stage that does not exist.
    const notFound = {
      error: expect.any(NotFoundError),
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Approval stage not found' },
    };
    expect(await refusalOf(approve(LURAH_AIR_JAMBAN))).toEqual(notFound);
    expect(await refusalOf(approve(CAMAT_BUKIT_BATU))).toEqual(notFound);
    expect(await refusalOf(decide(LURAH, { stageId: randomUUID(), decision: 'APPROVE' }))).toEqual(notFound);
    // The village's BKM and its Camat see the proposal, but this stage is the Lurah's.
    const forbidden = {
      error: expect.any(ForbiddenError),
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: `Only the LURAH of ${BALIK_ALAM} (or whoever acts for them) may decide this stage`,
      },
    };
    expect(await refusalOf(approve(BKM))).toEqual(forbidden);
    expect(await refusalOf(approve(CAMAT))).toEqual(forbidden);

    expect(openStageOf(proposal.proposalId)).toMatchObject({ id: stage.id, status: 'OPEN', decidedBy: null });
    expect(announced(proposal.proposalId)).toEqual(['approvals.approval-stage-opened']);
  });

  it('lets a Plt decide in the official’s place while the appointment is in force, recorded as acting for them', async () => {
    const { decide, submit, openStageOf, outbox, appoint } = setUp();
    await appoint(LURAH_AIR_JAMBAN, LURAH, { role: 'LURAH', regionCode: BALIK_ALAM });
    const proposal = await submit();

    const result = await decide(LURAH_AIR_JAMBAN, { stageId: openStageOf(proposal.proposalId)!.id, decision: 'APPROVE' });

    const asPlt = { username: LURAH_AIR_JAMBAN.username, actingFor: { username: LURAH.username, role: 'LURAH', regionCode: BALIK_ALAM } };
    expect(result.stage.decidedBy).toMatchObject(asPlt);
    const decided = outbox.of(proposal.proposalId).find((event) => event.type === 'approvals.approval-stage-decided')!;
    expect(decided.actor).toMatchObject(asPlt);
    expect(decided.payload).toMatchObject({ decidedBy: asPlt });
  });

  it('lets nobody decide two stages of one submission: the Camat, as Plt Sekda, may not decide the Sekda stage', async () => {
    const { decide, submit, openStageOf, appoint } = setUp();
    await appoint(CAMAT, SEKDA, { role: 'SEKDA', regionCode: BENGKALIS });
    const proposal = await submit();
    for (const actor of [LURAH, CAMAT, DINAS]) await decide(actor, { stageId: openStageOf(proposal.proposalId)!.id, decision: 'APPROVE' });
    const sekdaStage = openStageOf(proposal.proposalId)!;

    const refused = await refusalOf(decide(CAMAT, { stageId: sekdaStage.id, decision: 'APPROVE' }));

    expect(refused).toEqual({
      error: expect.any(ForbiddenError),
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        code: 'DECIDED_ANOTHER_STAGE',
        message:
          'You decided stage 2 (CAMAT) of this submission: nobody decides two stages of one submission (now as acting official for sekda)',
      },
    });
    expect(openStageOf(proposal.proposalId)).toMatchObject({ id: sekdaStage.id, decidedBy: null });
    expect((await decide(SEKDA, { stageId: sekdaStage.id, decision: 'APPROVE' })).stage.decidedBy).toMatchObject({ username: 'sekda' });
  });
});
