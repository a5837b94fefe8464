import { randomUUID } from 'node:crypto';
import { DECLARED_QUEUES } from '@alur/jobs';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { AppointActingOfficialUseCase } from '../../apps/approvals/src/acting/use-cases/appoint-acting-official.use-case';
import { announced, ApprovalsWorld, BALIK_ALAM, BENGKALIS, MANDAU, openStageOf, useApprovalsWorld } from './approvals-harness';

const regions = RegionDirectory.shared();
const OTHER_VILLAGE = regions.villagesOf(MANDAU).find((v) => v.code !== BALIK_ALAM)!.code;
const OFFICIALS = [`lurah.${BALIK_ALAM}`, `camat.${MANDAU}`, 'dinas', 'sekda', 'bupati'];

describe('the staged approval chain, through the gateway', () => {
  const isolation = createTestIsolation();
  let world: ApprovalsWorld;
  const tokens: Record<string, string> = {};
  const token = async (username: string) => (tokens[username] ??= await world.gateway.tokenOf(username));
  const decide = async (username: string, stageId: string, body: object) =>
    world.gateway.call('POST', `/api/v1/approvals/${stageId}/decision`, { token: await token(username), body });
  const inbox = async (username: string) =>
    (await (await world.gateway.call('GET', '/api/v1/approvals/inbox?pageSize=100', { token: await token(username) })).json()) as {
      items: Array<{
        stageId: string;
        proposal: { proposalId: string };
        actingFor: unknown;
        overdue: boolean;
        decidedEarlierStage: unknown;
      }>;
      total: number;
    };

  useApprovalsWorld(isolation, (started) => (world = started));

  it('is approved stage by stage by the Lurah, Camat, Dinas, Sekda and Bupati, and then announced approved', async () => {
    const proposal = await world.submit();
    for (const [index, official] of OFFICIALS.entries()) {
      const stage = await world.openStage(proposal.proposalId, index + 1);
      const waiting = await inbox(official);
      expect(waiting.items.map((item) => item.stageId)).toContain(stage.id);
      const response = await decide(official, stage.id, { decision: 'APPROVE' });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.stage).toMatchObject({ status: 'APPROVED', stageOrder: index + 1, decidedBy: { username: official } });
      expect(body.proposalStatus).toBe(index < 4 ? 'IN_REVIEW' : 'APPROVED');
      expect((await inbox(official)).items.map((item) => item.stageId)).not.toContain(stage.id);
    }

    const events = await announced(world.db, proposal.proposalId);
    expect(events.map((e) => e.type)).toEqual([
      'approvals.approval-stage-opened',
      ...Array.from({ length: 4 }, () => ['approvals.approval-stage-decided', 'approvals.approval-stage-opened']).flat(),
      'approvals.approval-stage-decided',
      'approvals.proposal-approved',
    ]);
    expect(events.filter((e) => e.type === 'approvals.approval-stage-opened').map((e) => [e.payload.role, e.payload.regionCode])).toEqual([
      ['LURAH', BALIK_ALAM],
      ['CAMAT', MANDAU],
      ['DINAS', '14.03'],
      ['SEKDA', '14.03'],
      ['BUPATI', '14.03'],
    ]);
    expect(events.at(-1)!.payload).toMatchObject({ proposalId: proposal.proposalId, requestedAmount: 199_500_000, districtCode: MANDAU });
    // Who decided each stage travels with the approval, so that none of them can release its money.
    const decisions = (
      events.at(-1)!.payload as { stageDecisions: Array<{ stageOrder: number; role: string; decidedBy: { username: string } }> }
    ).stageDecisions;
    expect(decisions.map((d) => [d.stageOrder, d.role, d.decidedBy.username])).toEqual(
      OFFICIALS.map((official, index) => [index + 1, ['LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI'][index], official]),
    );
    const stages = await (
      await world.gateway.call('GET', `/api/v1/approvals/proposals/${proposal.proposalId}/stages`, { token: await token('bupati') })
    ).json();
    expect(stages.map((s: { status: string }) => s.status)).toEqual(['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED']);
    const audit = (await world.db.query(`SELECT action FROM audit_record WHERE entity_id = $1`, [`${proposal.proposalId}#1`])) as unknown[];
    expect(audit).toEqual([{ action: 'approval-chain.approved' }]);
  });

  it('returns a proposal with a note, and its resubmission starts again at the first stage', async () => {
    const proposal = await world.submit();
    const first = await world.openStage(proposal.proposalId, 1);
    expect((await decide(OFFICIALS[0], first.id, { decision: 'APPROVE' })).status).toBe(200);
    const second = await world.openStage(proposal.proposalId, 2);

    const withoutNote = await decide(OFFICIALS[1], second.id, { decision: 'RETURN' });
    expect(withoutNote.status).toBe(400);
    const { errors } = (await withoutNote.json()) as { errors: Array<{ field: string; reason: string }> };
    expect(new Set(errors.map((e) => e.field))).toEqual(new Set(['note']));
    expect(errors).toContainEqual({ field: 'note', reason: 'note is required to return or reject a proposal', code: 'required' });

    const returned = await decide(OFFICIALS[1], second.id, { decision: 'RETURN', note: 'Lengkapi gambar DED dan RAB' });
    expect(returned.status).toBe(200);
    expect((await returned.json()).proposalStatus).toBe('RETURNED');
    expect(await openStageOf(world.db, proposal.proposalId)).toBeUndefined();
    const events = await announced(world.db, proposal.proposalId);
    expect(events.at(-1)).toMatchObject({
      type: 'approvals.proposal-returned',
      payload: { note: 'Lengkapi gambar DED dan RAB', stageOrder: 2 },
    });

    await world.submit({ proposalId: proposal.proposalId, submissionNumber: 2 });
    const restarted = await world.openStage(proposal.proposalId, 1);
    expect(restarted).toMatchObject({ role: 'LURAH', region_code: BALIK_ALAM });
    expect((await inbox(OFFICIALS[0])).items.map((i) => i.stageId)).toContain(restarted.id);

    // Approved on resubmission: the approval names the deciders of the returned submission too.
    for (const [index, official] of OFFICIALS.entries()) {
      const stage = index === 0 ? restarted : await world.openStage(proposal.proposalId, index + 1);
      expect((await decide(official, stage.id, { decision: 'APPROVE' })).status).toBe(200);
    }
    const approved = (await announced(world.db, proposal.proposalId)).at(-1)!;
    expect(approved.type).toBe('approvals.proposal-approved');
    const decisions = (
      approved.payload as { stageDecisions: Array<{ submissionNumber: number; stageOrder: number; decidedBy: { username: string } }> }
    ).stageDecisions;
    expect(decisions.map((d) => [d.submissionNumber, d.stageOrder, d.decidedBy.username])).toEqual([
      [1, 1, OFFICIALS[0]],
      [1, 2, OFFICIALS[1]],
      ...OFFICIALS.map((official, index) => [2, index + 1, official]),
    ]);
  });

  it('rejects a proposal with a reason, finally: its stage answers 409 to any later decision', async () => {
    const proposal = await world.submit();
    const stage = await world.openStage(proposal.proposalId, 1);
    const rejected = await decide(OFFICIALS[0], stage.id, { decision: 'REJECT', note: 'Lokasi bukan kawasan kumuh' });
    expect(rejected.status).toBe(200);
    expect((await announced(world.db, proposal.proposalId)).at(-1)).toMatchObject({
      type: 'approvals.proposal-rejected',
      payload: { reason: 'Lokasi bukan kawasan kumuh' },
    });
    expect((await decide(OFFICIALS[0], stage.id, { decision: 'APPROVE' })).status).toBe(409);
  });

  it('lets exactly one of two officials deciding the same stage at once win; the other gets 409', async () => {
    const proposal = await world.submit();
    const stage = await world.openStage(proposal.proposalId, 1);
    await token(OFFICIALS[0]);
    const answers = await Promise.all([
      decide(OFFICIALS[0], stage.id, { decision: 'APPROVE' }),
      decide(OFFICIALS[0], stage.id, { decision: 'REJECT', note: 'Tidak layak' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const decided = (await announced(world.db, proposal.proposalId)).filter((e) => e.type === 'approvals.approval-stage-decided');
    expect(decided).toHaveLength(1);
  });

  it('hides a stage from an official of another village (404) and refuses a wrong role (403)', async () => {
    const proposal = await world.submit();
    const stage = await world.openStage(proposal.proposalId, 1);
    expect((await decide(`lurah.${OTHER_VILLAGE}`, stage.id, { decision: 'APPROVE' })).status).toBe(404);
    expect((await inbox(`lurah.${OTHER_VILLAGE}`)).items.map((i) => i.stageId)).not.toContain(stage.id);
    expect((await decide(`bkm.${BALIK_ALAM}`, stage.id, { decision: 'APPROVE' })).status).toBe(403);
    expect((await decide(`camat.${MANDAU}`, stage.id, { decision: 'APPROVE' })).status).toBe(403);
    expect(await openStageOf(world.db, proposal.proposalId)).toMatchObject({ id: stage.id, status: 'OPEN' });
  });

  it('lets an acting official (Plt) decide within their period, recorded as acting for the official, and not outside it', async () => {
    const admin = await token('admin');
    const plt = `lurah.${OTHER_VILLAGE}`;
    const appoint = (validFrom: Date, validUntil: Date) =>
      world.gateway.call('POST', '/api/v1/approvals/acting-appointments', {
        token: admin,
        body: { actingUsername: plt, forUsername: OFFICIALS[0], validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() },
      });
    const hour = 3600_000;

    // An appointment that starts tomorrow gives no authority today.
    expect((await appoint(new Date(Date.now() + 24 * hour), new Date(Date.now() + 48 * hour))).status).toBe(201);
    const early = await world.submit();
    const earlyStage = await world.openStage(early.proposalId, 1);
    expect((await decide(plt, earlyStage.id, { decision: 'APPROVE' })).status).toBe(404);

    const created = await appoint(new Date(Date.now() - hour), new Date(Date.now() + hour));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      acting: { username: plt },
      actingFor: { username: OFFICIALS[0], role: 'LURAH', regionCode: BALIK_ALAM },
      active: true,
    });
    const seenByPlt = (await inbox(plt)).items.find((item) => item.stageId === earlyStage.id);
    // Named as the console shows it ("sebagai Plt/Plh Lurah Balik Alam").
    expect(seenByPlt).toMatchObject({ actingFor: { username: OFFICIALS[0], displayName: 'Lurah Balik Alam' } });
    const approved = await decide(plt, earlyStage.id, { decision: 'APPROVE' });
    expect(approved.status).toBe(200);
    expect((await approved.json()).stage.decidedBy).toMatchObject({ username: plt, actingFor: { username: OFFICIALS[0], role: 'LURAH' } });
    const decided = (await announced(world.db, early.proposalId)).find((e) => e.type === 'approvals.approval-stage-decided')!;
    expect(decided.payload.decidedBy).toMatchObject({ username: plt, actingFor: { username: OFFICIALS[0] } });
    expect(decided.actor).toMatchObject({ username: plt, actingFor: { username: OFFICIALS[0] } });

    // Both the acting user and the absent official see the appointment; a Plt-to-be who is a BKM is refused.
    const listed = await (
      await world.gateway.call('GET', '/api/v1/approvals/acting-appointments', { token: await token(OFFICIALS[0]) })
    ).json();
    expect(listed.length).toBe(2);
    // Each person by name: the Plt (Air Jamban's Lurah), the absent official, the administrator who appointed.
    expect(
      listed.map((a: Record<'acting' | 'actingFor' | 'createdBy', { displayName: string }>) => [
        a.acting.displayName,
        a.actingFor.displayName,
        a.createdBy.displayName,
      ]),
    ).toEqual(Array(2).fill(['Lurah Air Jamban', 'Lurah Balik Alam', 'Administrator Alur Bengkalis']));
    const bkm = await world.gateway.call('POST', '/api/v1/approvals/acting-appointments', {
      token: admin,
      body: {
        actingUsername: `bkm.${BALIK_ALAM}`,
        forUsername: OFFICIALS[0],
        validFrom: new Date().toISOString(),
        validUntil: new Date(Date.now() + hour).toISOString(),
      },
    });
    expect(bkm.status).toBe(400);
    expect((await bkm.json()).errors[0].field).toBe('actingUsername');
    expect(
      (await world.gateway.call('POST', '/api/v1/approvals/acting-appointments', { token: await token(OFFICIALS[0]), body: {} })).status,
    ).toBe(403);
  });

  it('appoints acting officials only within limits: deciding officials, never the admin itself, for at most the configured period', async () => {
    const admin = await token('admin');
    const day = 24 * 3600_000;
    const appoint = (actingUsername: string, forUsername: string, days = 14) => {
      const from = Date.now();
      return world.gateway.call('POST', '/api/v1/approvals/acting-appointments', {
        token: admin,
        body: {
          actingUsername,
          forUsername,
          validFrom: new Date(from).toISOString(),
          validUntil: new Date(from + days * day).toISOString(),
        },
      });
    };
    const refusal = async (response: Response) => {
      expect(response.status).toBe(400);
      return ((await response.json()) as { errors: Array<{ field: string; reason: string }> }).errors[0];
    };

    // The attack: an ADMIN appointing itself acting Bupati would hold the last signature of every proposal.
    expect(await refusal(await appoint('admin', 'bupati'))).toMatchObject({
      field: 'actingUsername',
      reason: 'an admin cannot appoint themself as acting official',
    });
    // Whoever acts must decide stages themself: no BPKAD (who pays out), VERIFIKATOR or BKM.
    for (const outsider of ['bpkad', `verifikator.${MANDAU}`, `bkm.${BALIK_ALAM}`]) {
      const refused = await refusal(await appoint(outsider, 'bupati'));
      expect(refused.field).toBe('actingUsername');
      expect(refused.reason).toContain('only an official who decides approval stages (LURAH, CAMAT, DINAS, SEKDA, BUPATI) may act for one');
    }
    // Nobody acts for an official who decides no stage.
    expect((await refusal(await appoint('sekda', 'bpkad'))).field).toBe('forUsername');
    // At most ACTING_APPOINTMENT_MAX_DAYS (90 unless configured): a Plt/Plh serves up to three months.
    expect(await refusal(await appoint('sekda', 'bupati', 91))).toMatchObject({
      field: 'validUntil',
      reason: 'an acting appointment lasts at most 90 days: make a new one when it ends',
    });
    // Both must be within the admin's regency: a Camat of Pekanbaru (no user here, so asked of the service itself) is not in it.
    const fromElsewhere = world.approvals.get(AppointActingOfficialUseCase).execute(
      { userId: randomUUID(), username: 'admin', role: 'ADMIN', regionCode: BENGKALIS },
      {
        acting: { userId: randomUUID(), username: 'camat.14.71.01', role: 'CAMAT', regionCode: '14.71.01' },
        actingFor: { userId: randomUUID(), username: 'sekda', role: 'SEKDA', regionCode: BENGKALIS },
        validFrom: new Date().toISOString(),
        validUntil: new Date(Date.now() + day).toISOString(),
      },
    );
    await expect(fromElsewhere).rejects.toThrow('No official camat.14.71.01 in your region');
    expect((await appoint('sekda', 'bupati', 90)).status).toBe(201);
    const made = (await world.db.query(`SELECT acting_username FROM acting_appointment WHERE for_username = 'bupati'`)) as Array<{
      acting_username: string;
    }>;
    expect(made).toEqual([{ acting_username: 'sekda' }]);
  });

  it('lets nobody decide two stages of one submission: the Camat, acting as Plt Sekda, may not decide the Sekda stage it approved as Camat', async () => {
    const camat = `camat.${MANDAU}`;
    const hour = 3600_000;
    const created = await world.gateway.call('POST', '/api/v1/approvals/acting-appointments', {
      token: await token('admin'),
      body: {
        actingUsername: camat,
        forUsername: 'sekda',
        validFrom: new Date(Date.now() - hour).toISOString(),
        validUntil: new Date(Date.now() + hour).toISOString(),
      },
    });
    expect(created.status).toBe(201);

    const proposal = await world.submit();
    for (const [order, official] of [
      [1, OFFICIALS[0]],
      [2, camat],
      [3, 'dinas'],
    ] as const) {
      const stage = await world.openStage(proposal.proposalId, order);
      expect((await decide(official, stage.id, { decision: 'APPROVE' })).status).toBe(200);
    }
    const sekdaStage = await world.openStage(proposal.proposalId, 4);
    // The Plt Sekda sees the stage in its inbox, as acting official, marked as one it may not decide …
    expect((await inbox(camat)).items.find((item) => item.stageId === sekdaStage.id)).toMatchObject({
      actingFor: { username: 'sekda' },
      decidedEarlierStage: { order: 2, role: 'CAMAT' },
    });
    // … but approving it would put the same eyes on two stages.
    const refused = await decide(camat, sekdaStage.id, { decision: 'APPROVE' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      code: 'DECIDED_ANOTHER_STAGE',
      message:
        'You decided stage 2 (CAMAT) of this submission: nobody decides two stages of one submission (now as acting official for sekda)',
    });
    // Nor may it return or reject it; the stage stays open, nothing is announced, and the Sekda decides it in person.
    expect((await decide(camat, sekdaStage.id, { decision: 'RETURN', note: 'Perbaiki RAB' })).status).toBe(403);
    expect(await openStageOf(world.db, proposal.proposalId)).toMatchObject({ id: sekdaStage.id, status: 'OPEN', decided_by: null });
    expect((await announced(world.db, proposal.proposalId)).filter((e) => e.type === 'approvals.approval-stage-decided')).toHaveLength(3);
    expect((await decide('sekda', sekdaStage.id, { decision: 'APPROVE' })).status).toBe(200);

    // The same Plt Sekda decides the Sekda stage of a proposal from another kecamatan, whose stages it never saw.
    const elsewhere = regions.childrenOf(BENGKALIS).find((d) => d.code !== MANDAU)!.code;
    const village = regions.villagesOf(elsewhere)[0].code;
    const other = await world.submit({ villageCode: village, districtCode: elsewhere });
    for (const [order, official] of [
      [1, `lurah.${village}`],
      [2, `camat.${elsewhere}`],
      [3, 'dinas'],
    ] as const) {
      const stage = await world.openStage(other.proposalId, order);
      expect((await decide(official, stage.id, { decision: 'APPROVE' })).status).toBe(200);
    }
    const otherSekdaStage = await world.openStage(other.proposalId, 4);
    expect((await inbox(camat)).items.find((item) => item.stageId === otherSekdaStage.id)).toMatchObject({ decidedEarlierStage: null });
    const approved = await decide(camat, otherSekdaStage.id, { decision: 'APPROVE' });
    expect(approved.status).toBe(200);
    expect((await approved.json()).stage.decidedBy).toMatchObject({ username: camat, actingFor: { username: 'sekda', role: 'SEKDA' } });
  });

  it('ends the approval work of a withdrawn proposal', async () => {
    const proposal = await world.submit();
    const stage = await world.openStage(proposal.proposalId, 1);
    await world.withdraw({ proposalId: proposal.proposalId });
    await expectEventually(async () => expect(await openStageOf(world.db, proposal.proposalId)).toBeUndefined());
    expect((await decide(OFFICIALS[0], stage.id, { decision: 'APPROVE' })).status).toBe(409);
    await expectEventually(async () => expect(await world.queue.getJob(`stage_${stage.id}_deadline_1`)).toBeUndefined());
  });

  it('keeps a working calendar that admins extend', async () => {
    const listed = await (
      await world.gateway.call('GET', '/api/v1/approvals/holidays?year=2026', { token: await token(OFFICIALS[0]) })
    ).json();
    expect(listed).toHaveLength(17);
    expect(listed[0]).toEqual({ date: '2026-01-01', name: 'Tahun Baru 2026 Masehi' });
    const body = { date: '2026-03-20', name: 'Cuti bersama Idul Fitri 1447 H' };
    expect((await world.gateway.call('POST', '/api/v1/approvals/holidays', { token: await token(OFFICIALS[0]), body })).status).toBe(403);
    expect((await world.gateway.call('POST', '/api/v1/approvals/holidays', { token: await token('admin'), body })).status).toBe(201);
    expect((await world.gateway.call('POST', '/api/v1/approvals/holidays', { token: await token('admin'), body })).status).toBe(409);
    const bad = await world.gateway.call('POST', '/api/v1/approvals/holidays', {
      token: await token('admin'),
      body: { date: '20-03-2026', name: 'x' },
    });
    expect((await bad.json()).errors[0].field).toBe('date');
  });

  it('lets admins take a day off the working calendar again', async () => {
    const cutiBersama = { date: '2026-12-24', name: 'Cuti bersama Natal (uji)' };
    const listed = async () =>
      (await (await world.gateway.call('GET', '/api/v1/approvals/holidays?year=2026', { token: await token('admin') })).json()) as Array<{
        date: string;
      }>;
    expect(
      (await world.gateway.call('POST', '/api/v1/approvals/holidays', { token: await token('admin'), body: cutiBersama })).status,
    ).toBe(201);
    const path = `/api/v1/approvals/holidays/${cutiBersama.date}`;
    expect((await world.gateway.call('DELETE', path, { token: await token(OFFICIALS[0]) })).status).toBe(403);
    expect((await listed()).map((holiday) => holiday.date)).toContain(cutiBersama.date);

    const removed = await world.gateway.call('DELETE', path, { token: await token('admin') });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual(cutiBersama);
    expect((await listed()).map((holiday) => holiday.date)).not.toContain(cutiBersama.date);
    const again = await world.gateway.call('DELETE', path, { token: await token('admin') });
    expect(again.status).toBe(404);
    expect((await again.json()).message).toBe('2026-12-24 is not a holiday');
    const bad = await world.gateway.call('DELETE', '/api/v1/approvals/holidays/24-12-2026', { token: await token('admin') });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('date');
  });

  it('shows every declared queue in Bull Board, the notifications queue too, to admins only', async () => {
    const board = '/api/v1/admin/queues';
    expect((await world.gateway.call('GET', `${board}/api/queues`)).status).toBe(401);
    expect((await world.gateway.call('GET', `${board}/api/queues`, { token: await token(OFFICIALS[0]) })).status).toBe(403);
    const queues = await world.gateway.call('GET', `${board}/api/queues`, { token: await token('admin') });
    expect(queues.status).toBe(200);
    const shown = (await queues.json()).queues as Array<{ name: string; description: string }>;
    expect(shown.map((q) => q.name).sort()).toEqual(DECLARED_QUEUES.map((q) => q.name).sort());
    expect(shown.map((q) => q.name)).toEqual(expect.arrayContaining(['approval-stage-timers', 'notifications']));
    expect(shown.find((q) => q.name === 'notifications')?.description).toContain('(notifications)');

    const session = await world.gateway.call('POST', `${board}/session`, { token: await token('admin') });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    const page = await world.gateway.call('GET', `${board}/`, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('__UI_CONFIG__');
  });
});
