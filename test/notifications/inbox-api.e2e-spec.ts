import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { ProgrammePublishedV1, ProposalApprovedV1, ProposalSubmittedV1, UserSavedPayload } from '@alur/contracts';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { MailCatcher } from '../../apps/notifications/src/dev/mail-catcher';
import { approval, programme, submission } from '../disbursements/disbursements-harness';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import { EventPublisher, RunningNotifications, startMailCatcher, startNotifications, waitForUsers } from './notifications-harness';

const VILLAGE = '14.03.09.1004';
const OTHER_VILLAGE = '14.03.09.1006';

describe('the in-app inbox, preferences and delivery log through the gateway', () => {
  const isolation = createTestIsolation();
  let gateway: RunningGateway;
  let service: RunningNotifications;
  let events: EventPublisher;
  let catcher: MailCatcher;
  let bkm: string;
  let otherBkm: string;
  let adminToken: string;

  /** Announces demo users as the gateway does on every save, with the ids it gave them. */
  async function announce(usernames: string[]): Promise<UserSavedPayload[]> {
    const rows: Array<Record<string, any>> = await gateway.app
      .get(DataSource)
      .query(
        'SELECT id, username, display_name, role, region_code, language, email, phone, active FROM user_account WHERE username = ANY($1)',
        [usernames],
      );
    const users = rows.map((r) => ({
      userId: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      regionCode: r.region_code,
      language: r.language,
      email: r.email,
      phone: r.phone,
      active: r.active,
    }));
    for (const u of users) await events.saveUser(u);
    await waitForUsers(service.db, users);
    return users;
  }

  async function approve(proposalId: string, village: string, title: string, programCode = 'BK-DESA-2026'): Promise<void> {
    await events.publish(ProposalApprovedV1, proposalId, {
      ...approval(programCode, village, 10_000_000, new Date(), { proposalId }),
      title,
    });
  }

  async function submit(village: string, title: string, programCode = 'BK-DESA-2026'): Promise<string> {
    const proposalId = randomUUID();
    const amounts = { requestedAmount: 10_000_000, selfHelpAmount: 0 };
    await events.publish(ProposalSubmittedV1, proposalId, { ...submission(programCode, village, amounts, proposalId), title });
    return proposalId;
  }

  const inbox = async (token: string, query = '') => {
    const response = await gateway.call('GET', `/api/v1/notifications${query}`, { token });
    expect(response.status).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    const mail = await startMailCatcher();
    catcher = mail.catcher;
    // Mail is refused at first, so that deliveries fail and reach the operators' list.
    catcher.refuseWith = 'mailbox temporarily unavailable';
    gateway = await startGateway(isolation);
    service = await startNotifications(isolation, {
      SMTP_URL: mail.smtpUrl,
      NOTIFICATIONS_MAX_ATTEMPTS: '2',
      NOTIFICATIONS_RETRY_BASE_MS: '50',
    });
    events = await EventPublisher.connect(isolation);
    await announce([`bkm.${VILLAGE}`, `bkm.${OTHER_VILLAGE}`]);
    bkm = await gateway.tokenOf(`bkm.${VILLAGE}`);
    otherBkm = await gateway.tokenOf(`bkm.${OTHER_VILLAGE}`);
    adminToken = await gateway.tokenOf('admin');
  });

  afterAll(async () => {
    await events?.close();
    await service?.close();
    await gateway?.close();
    await catcher?.stop();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('lists the caller’s notifications newest first with the unread count, and marks them read', async () => {
    const first = await submit(VILLAGE, 'Posyandu');
    await expectEventually(async () => expect((await inbox(bkm)).total).toBe(1));
    await approve(first, VILLAGE, 'Posyandu');
    await submit(OTHER_VILLAGE, 'Balai warga');

    const page = await expectEventually(async () => {
      const body = await inbox(bkm);
      expect(body.total).toBe(2);
      return body;
    });
    expect(page.unreadCount).toBe(2);
    expect(page.items.map((i: any) => i.title)).toEqual(['Usulan disetujui: Posyandu', 'Usulan diajukan: Posyandu']);
    expect(page.items[0]).toMatchObject({
      kind: 'PROPOSAL_APPROVED',
      proposalId: first,
      readAt: null,
      link: `http://127.0.0.1:3000/proposals/${first}`,
    });
    expect(page.items[0].body).toContain('dengan dana Rp\u00a010.000.000');
    // No programme was published in this run: the message can only give the code.
    expect(page.items[0].body).toContain('terhadap pagu program BK-DESA-2026.');

    // Someone else's notification is not found, and not marked.
    expect((await gateway.call('POST', `/api/v1/notifications/${page.items[1].id}/read`, { token: otherBkm })).status).toBe(404);
    expect((await gateway.call('POST', '/api/v1/notifications/not-a-uuid/read', { token: bkm })).status).toBe(400);

    const read = await gateway.call('POST', `/api/v1/notifications/${page.items[1].id}/read`, { token: bkm });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: page.items[1].id, readAt: expect.any(String), unreadCount: 1 });
    expect((await inbox(bkm, '?unreadOnly=true')).items.map((i: any) => i.kind)).toEqual(['PROPOSAL_APPROVED']);

    const all = await gateway.call('POST', '/api/v1/notifications/read-all', { token: bkm });
    expect(await all.json()).toEqual({ marked: 1, unreadCount: 0 });
    expect((await inbox(bkm)).unreadCount).toBe(0);
    expect((await inbox(otherBkm)).items.map((i: any) => i.title)).toEqual(['Usulan diajukan: Balai warga']);
  });

  it('reads and changes preferences; in-app cannot be switched off; the inbox follows the chosen language', async () => {
    const initial = await (await gateway.call('GET', '/api/v1/notifications/preferences', { token: bkm })).json();
    expect(initial).toMatchObject({
      language: 'id',
      digest: false,
      channels: { STATUS: { inApp: true, email: true, sms: false, whatsapp: false } },
    });
    expect(initial.available).toEqual({ email: true, sms: false, whatsapp: false });

    const off = await gateway.call('PUT', '/api/v1/notifications/preferences', {
      token: bkm,
      body: { channels: { STATUS: { inApp: false } } },
    });
    expect(off.status).toBe(400);
    expect((await off.json()).errors).toEqual([
      { field: 'channels.STATUS.inApp', reason: 'in-app notifications cannot be switched off', code: 'invalid_value' },
    ]);

    const digest = await gateway.call('PUT', '/api/v1/notifications/preferences', { token: bkm, body: { digest: true } });
    expect(digest.status).toBe(400);
    expect((await digest.json()).errors).toEqual([expect.objectContaining({ field: 'digest' })]);

    const changed = await gateway.call('PUT', '/api/v1/notifications/preferences', {
      token: bkm,
      body: { language: 'en', channels: { FUNDS: { email: false } } },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      language: 'en',
      channels: { FUNDS: { inApp: true, email: false }, STATUS: { email: true } },
    });
    expect((await inbox(bkm)).items.map((i: any) => i.title)).toEqual(['Proposal approved: Posyandu', 'Proposal submitted: Posyandu']);
    // A console shown in Indonesian asks for that language, whatever the messages' language is; anything else is refused.
    expect((await inbox(bkm, '?language=id')).items.map((i: any) => i.title)).toEqual([
      'Usulan disetujui: Posyandu',
      'Usulan diajukan: Posyandu',
    ]);
    const unknown = await gateway.call('GET', '/api/v1/notifications?language=jv', { token: bkm });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors).toEqual([expect.objectContaining({ field: 'language' })]);

    // The change is on the audit trail with who made it, before and after; the refused ones are not.
    const me = await (await gateway.call('GET', '/api/v1/me', { token: bkm })).json();
    const history = await service.app.get(AuditTrail).history('notification-preferences', me.id);
    expect(history).toEqual([
      expect.objectContaining({
        action: 'notification-preferences.changed',
        actor: expect.objectContaining({ userId: me.id, username: `bkm.${VILLAGE}`, role: 'BKM' }),
        before: null,
        after: expect.objectContaining({
          language: 'en',
          channels: expect.objectContaining({ FUNDS: expect.objectContaining({ email: false }) }),
        }),
      }),
    ]);
  });

  it('shows administrators the failed deliveries and lets them retry one; nobody else', async () => {
    const failed = await expectEventually(async () => {
      const response = await gateway.call('GET', `/api/v1/notifications/deliveries?recipient=bkm.${VILLAGE}`, { token: adminToken });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.items).toHaveLength(2);
      return body.items;
    });
    expect(failed[0]).toMatchObject({ status: 'failed', channel: 'email', attempts: 2, recipient: { username: `bkm.${VILLAGE}` } });
    expect(failed[0].lastError).toContain('mailbox temporarily unavailable');

    expect((await gateway.call('GET', '/api/v1/notifications/deliveries', { token: bkm })).status).toBe(403);
    expect((await gateway.call('POST', `/api/v1/notifications/deliveries/${failed[0].id}/retry`, { token: bkm })).status).toBe(403);
    expect((await gateway.call('POST', `/api/v1/notifications/deliveries/${randomUUID()}/retry`, { token: adminToken })).status).toBe(404);

    catcher.refuseWith = undefined;
    const retry = await gateway.call('POST', `/api/v1/notifications/deliveries/${failed[0].id}/retry`, { token: adminToken });
    expect(retry.status).toBe(200);
    const detail = await expectEventually(async () => {
      const body = await (await gateway.call('GET', `/api/v1/notifications/deliveries/${failed[0].id}`, { token: adminToken })).json();
      expect(body.status).toBe('sent');
      return body;
    });
    expect(detail.history.map((h: any) => h.outcome)).toEqual(['queued', 'failed', 'failed', 'queued', 'sent']);
    expect(catcher.to(`bkm.${VILLAGE}@demo.alur.test`)).toHaveLength(1);
    expect((await gateway.call('POST', `/api/v1/notifications/deliveries/${failed[0].id}/retry`, { token: adminToken })).status).toBe(409);

    // One retry on the audit trail, by the administrator; the refused ones (BKM, not failed any more) left none.
    const history = await service.app.get(AuditTrail).history('notification-delivery', failed[0].id);
    expect(history).toEqual([
      expect.objectContaining({
        action: 'notification-delivery.retried',
        actor: expect.objectContaining({ username: 'admin', role: 'ADMIN' }),
        fromStatus: 'failed',
        toStatus: 'queued',
      }),
    ]);

    // …and among the records about the proposal the message was of, where an inspector following that grant reads it.
    const [{ proposal_id: proposalId }] = await service.db.query(
      'SELECT n.proposal_id FROM delivery d JOIN notification n ON n.id = d.notification_id WHERE d.id = $1',
      [failed[0].id],
    );
    const aboutProposal = async (id: string) =>
      (await (await gateway.call('GET', `/api/v1/audit?context=notifications&proposalId=${id}`, { token: adminToken })).json()).items;
    expect((await aboutProposal(proposalId)).map((r: any) => [r.action, r.entityId])).toEqual([
      ['notification-delivery.retried', failed[0].id],
    ]);
    expect(await aboutProposal(randomUUID())).toEqual([]);
  });

  it('names the programme in the BKM’s messages by its latest version’s name, whichever version arrives last', async () => {
    const code = `SANITASI-${isolation.id}`;
    const named = (version: number, name: string) => ({
      ...programme(code, {
        tranchePlan: [{ shareBp: 10_000, unlockProgressPercent: 0 }],
        ceiling: { regionLevel: 'district', amount: 1 },
        version,
      }),
      name,
    });
    await events.publish(ProgrammePublishedV1, code, named(2, 'Sanitasi Berbasis Masyarakat 2026'));
    // Version 1 comes late (a replay, or a slow relay): it does not take the name back.
    const late = await events.publish(ProgrammePublishedV1, code, named(1, 'Sanitasi (rancangan awal)'));
    await expectEventually(async () =>
      expect(await service.db.query(`SELECT status FROM inbound_event WHERE event_id = $1`, [late.id])).toEqual([{ status: 'done' }]),
    );

    const proposalId = await submit(OTHER_VILLAGE, 'Sumur bor', code);
    await approve(proposalId, OTHER_VILLAGE, 'Sumur bor', code);
    const items = await expectEventually(async () => {
      const about = (await inbox(otherBkm)).items.filter((i: any) => i.proposalId === proposalId);
      expect(about.map((i: any) => i.kind).sort()).toEqual(['PROPOSAL_APPROVED', 'PROPOSAL_SUBMITTED']);
      return about;
    });
    const bodyOf = (kind: string) => items.find((i: any) => i.kind === kind).body;
    expect(bodyOf('PROPOSAL_SUBMITTED')).toContain('telah diajukan untuk program Sanitasi Berbasis Masyarakat 2026.');
    expect(bodyOf('PROPOSAL_APPROVED')).toContain('Dana akan dialokasikan terhadap pagu program Sanitasi Berbasis Masyarakat 2026.');
  });
});
