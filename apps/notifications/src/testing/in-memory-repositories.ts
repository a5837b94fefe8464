import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { UserSavedPayload } from '@alur/contracts';
import { RidingStatement } from '@alur/database';
import { DeliveryDraft, DeliveryRepository, QueuedDelivery } from '../delivery/delivery.repository';
import { DigestLine } from '../digest/digest.repository';
import { CandidateLookups, Candidates, DirectoryRepository, ProposalSummary } from '../directory/directory.repository';
import { StoredNotification } from '../inbox/domain/inbox-item';
import { NewNotification, NotificationRepository, NotificationWithFollowUps } from '../inbox/notification.repository';
import { StoredPreferences } from '../preferences/domain/notification-preferences';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { Audience, sameAudience } from '../recipients/domain/audience';
import { ActingAppointment, DirectoryUser } from '../recipients/domain/recipient-resolver';

/**
 * Repositories kept in memory, for unit tests of use cases: the rules run in milliseconds, without
 * PostgreSQL. They keep what the SQL keeps (the unique keys that make a redelivered event add
 * nothing, "someone else's notification is not found") but no locks or transactions: those are the
 * end-to-end tests' to prove. The EntityManager they are given is ignored.
 */

/** A transaction runner that runs the work at once, on a manager nobody reads. */
export const inMemoryTransactions = {
  run: <T>(work: (tx: EntityManager) => Promise<T>) => work({} as EntityManager),
  manager: {} as EntityManager,
};

type Public<T> = { [K in keyof T]: T[K] };

export class InMemoryDirectory implements Public<DirectoryRepository> {
  readonly users = new Map<string, DirectoryUser>();
  readonly appointments: ActingAppointment[] = [];
  readonly proposals = new Map<string, ProposalSummary & { villageCode: string }>();
  readonly programmes = new Map<string, { version: number; name: string }>();

  /** The preferences the directory's queries read beside each user (none stored when not given). */
  constructor(private readonly preferences = new InMemoryPreferences()) {}

  /** Whether UserSaved events are stored and not yet handled (usersStillArriving). */
  arriving = false;

  async usersStillArriving(_tx: EntityManager): Promise<boolean> {
    return this.arriving;
  }

  /** Puts users in the directory, as their UserSaved events would. */
  add(...users: DirectoryUser[]): this {
    for (const user of users) this.users.set(user.userId, user);
    return this;
  }

  async saveUser(_tx: EntityManager, user: UserSavedPayload): Promise<void> {
    const { userId, username, displayName, role, regionCode, language, email, phone, active } = user;
    this.users.set(userId, { userId, username, displayName, role, regionCode, language, email, phone, active });
  }

  async saveAppointment(_tx: EntityManager, appointment: ActingAppointment): Promise<void> {
    const index = this.appointments.findIndex((a) => a.appointmentId === appointment.appointmentId);
    if (index >= 0) this.appointments[index] = { ...appointment };
    else this.appointments.push({ ...appointment });
  }

  async endAppointment(_tx: EntityManager, appointmentId: string, validUntil: string): Promise<void> {
    const end = new Date(validUntil);
    const appointment = this.appointments.find((a) => a.appointmentId === appointmentId);
    if (appointment && appointment.validUntil > end && appointment.validFrom < end) appointment.validUntil = end;
  }

  async findUser(_tx: EntityManager, userId: string): Promise<DirectoryUser | null> {
    return this.users.get(userId) ?? null;
  }

  async candidatesFor(_tx: EntityManager, audiences: readonly Audience[], lookups: CandidateLookups = {}): Promise<Candidates> {
    const appointments = this.appointments.filter((a) => audiences.some((audience) => sameAudience(a, audience)));
    const users = [...this.users.values()].filter(
      (u) => audiences.some((audience) => sameAudience(u, audience)) || appointments.some((a) => a.actingUserId === u.userId),
    );
    // As the SQL: appointments come back only with users.
    return {
      users,
      appointments: users.length ? appointments : [],
      preferences: await this.preferencesOf(users),
      ...this.lookedUp(lookups),
    };
  }

  async namedUsers(_tx: EntityManager, userIds: readonly string[], lookups: CandidateLookups = {}): Promise<Candidates> {
    const users = userIds.flatMap((id) => this.users.get(id) ?? []);
    return { users, appointments: [], preferences: await this.preferencesOf(users), ...this.lookedUp(lookups) };
  }

  async proposalsAwaiting(
    _tx: EntityManager,
    post: Audience,
    limit: number,
  ): Promise<{ count: number; items: Array<{ title: string; villageCode: string }> }> {
    const waiting = [...this.proposals.values()].filter(({ openStage }) => openStage !== null && sameAudience(openStage, post));
    return { count: waiting.length, items: waiting.slice(0, limit).map(({ title, villageCode }) => ({ title, villageCode })) };
  }

  private lookedUp({ titleOf, programmeOf }: CandidateLookups): Pick<Candidates, 'title' | 'programmeName'> {
    return {
      title: titleOf === undefined ? null : (this.proposals.get(titleOf)?.title ?? null),
      programmeName: programmeOf === undefined ? null : (this.programmes.get(programmeOf)?.name ?? null),
    };
  }

  private preferencesOf(users: readonly DirectoryUser[]): Promise<Candidates['preferences']> {
    return this.preferences.findMany({} as EntityManager, [...new Set(users.map((u) => u.userId))]);
  }

  /** As the repository's, stored when the statement is made (the stand-in runs no SQL). */
  rememberingProposal(proposalId: string, title: string, villageCode: string, openStage?: Audience): RidingStatement {
    this.proposals.set(proposalId, { title, villageCode, openStage: openStage ?? this.proposals.get(proposalId)?.openStage ?? null });
    return { with: 'remembered AS (SELECT)', select: 'NULL', params: [] };
  }

  settingOpenStage(proposalId: string, stage: Audience | null): RidingStatement {
    const proposal = this.proposals.get(proposalId);
    if (proposal) proposal.openStage = stage;
    return { with: 'stage_set AS (SELECT)', select: 'NULL', params: [] };
  }

  async proposal(_tx: EntityManager, proposalId: string): Promise<ProposalSummary | null> {
    return this.proposals.get(proposalId) ?? null;
  }

  async saveProgrammeName(_tx: EntityManager, programme: { code: string; version: number; name: string }): Promise<void> {
    const kept = this.programmes.get(programme.code);
    if (!kept || kept.version < programme.version)
      this.programmes.set(programme.code, { version: programme.version, name: programme.name });
  }
}

export class InMemoryPreferences implements Public<PreferencesRepository> {
  readonly rows = new Map<string, StoredPreferences>();

  async find(_tx: EntityManager, userId: string): Promise<StoredPreferences | null> {
    return this.rows.get(userId) ?? null;
  }

  async findMany(_tx: EntityManager, userIds: readonly string[]): Promise<Map<string, StoredPreferences>> {
    return new Map(userIds.filter((id) => this.rows.has(id)).map((id) => [id, this.rows.get(id)!]));
  }

  async save(_tx: EntityManager, userId: string, preferences: StoredPreferences): Promise<void> {
    // Stored as JSON is: a copy, so that what the caller keeps changing is not what was saved.
    this.rows.set(userId, structuredClone(preferences));
  }
}

/** A notification row: what the inbox shows, with whom it is for and which event made it. */
export type NotificationRecord = StoredNotification & { recipientUserId: string; eventId: string; actingFor: Audience | null };

export class InMemoryNotifications implements Public<NotificationRepository> {
  readonly rows: NotificationRecord[] = [];

  /** Where the follow-ups of the notifications added go (kept nowhere when not given). */
  constructor(
    private readonly deliveries = new InMemoryDeliveries(),
    private readonly digests = new InMemoryDigests(),
  ) {}

  async addWithFollowUps(tx: EntityManager, entries: readonly NotificationWithFollowUps[]): Promise<QueuedDelivery[]> {
    const created: QueuedDelivery[] = [];
    for (const { notification, deliveries, digestLine } of entries) {
      const id = await this.add(tx, notification);
      if (!id) continue;
      if (digestLine) this.digests.addItem(id, notification.recipientUserId, digestLine);
      created.push(
        ...(await this.deliveries.create(
          tx,
          deliveries.map((d) => ({ ...d, notificationId: id })),
        )),
      );
    }
    return created;
  }

  /** Adds one notification, as addWithFollowUps does: the new id, or null for a repeat. */
  async add(_tx: EntityManager, n: NewNotification): Promise<string | null> {
    // UNIQUE (event_id, recipient_user_id, kind)
    if (this.rows.some((r) => r.eventId === n.eventId && r.recipientUserId === n.recipientUserId && r.kind === n.kind)) return null;
    const id = randomUUID();
    this.rows.push({
      id,
      kind: n.kind,
      content: n.content,
      link: n.link,
      proposalId: n.proposalId,
      createdAt: new Date(),
      readAt: null,
      recipientUserId: n.recipientUserId,
      eventId: n.eventId,
      actingFor: n.actingFor,
    });
    return id;
  }

  /** Someone's notification, as the inbox repository answers it (without whose it is). */
  private stored({ recipientUserId: _r, eventId: _e, actingFor: _a, ...notification }: NotificationRecord): StoredNotification {
    return { ...notification };
  }

  private of(userId: string): NotificationRecord[] {
    return this.rows
      .filter((r) => r.recipientUserId === userId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  }

  async page(
    _db: EntityManager,
    userId: string,
    page: { unreadOnly: boolean; limit: number; offset: number },
  ): Promise<StoredNotification[]> {
    return this.of(userId)
      .filter((r) => !page.unreadOnly || r.readAt === null)
      .slice(page.offset, page.offset + page.limit)
      .map((r) => this.stored(r));
  }

  async counts(_db: EntityManager, userId: string): Promise<{ total: number; unread: number }> {
    const mine = this.of(userId);
    return { total: mine.length, unread: mine.filter((r) => r.readAt === null).length };
  }

  async unreadCount(_db: EntityManager, userId: string): Promise<number> {
    return this.of(userId).filter((r) => r.readAt === null).length;
  }

  async markRead(_db: EntityManager, id: string, userId: string): Promise<StoredNotification | undefined> {
    const row = this.rows.find((r) => r.id === id && r.recipientUserId === userId);
    if (!row) return undefined;
    row.readAt ??= new Date();
    return this.stored(row);
  }

  async markAllRead(_db: EntityManager, userId: string): Promise<number> {
    const unread = this.of(userId).filter((r) => r.readAt === null);
    const now = new Date();
    for (const row of unread) row.readAt = now;
    return unread.length;
  }
}

/** Reminders kept for a digest (DigestRepository reads them; NotificationRepository adds them). */
export class InMemoryDigests {
  readonly items: Array<{ notificationId: string; userId: string; line: DigestLine; digestId: string | null }> = [];

  addItem(notificationId: string, userId: string, line: DigestLine): void {
    // PRIMARY KEY (notification_id)
    if (this.items.some((i) => i.notificationId === notificationId)) throw new Error('duplicate key value violates digest_item_pkey');
    this.items.push({ notificationId, userId, line: structuredClone(line), digestId: null });
  }
}

/** A delivery row as the log keeps it: the draft, with its id and status. */
export type DeliveryRecord = DeliveryDraft & { id: string; status: string; retryRound: number };

export class InMemoryDeliveries implements Partial<Public<DeliveryRepository>> {
  readonly rows: DeliveryRecord[] = [];

  async create(_tx: EntityManager, drafts: readonly DeliveryDraft[]): Promise<QueuedDelivery[]> {
    const created: QueuedDelivery[] = [];
    for (const draft of drafts) {
      // UNIQUE (source_id, recipient_user_id, channel): a repeat is dropped.
      const taken = this.rows.some(
        (r) => r.sourceId === draft.sourceId && r.recipientUserId === draft.recipientUserId && r.channel === draft.channel,
      );
      if (taken) continue;
      const row = { ...draft, id: randomUUID(), status: 'queued', retryRound: 0 };
      this.rows.push(row);
      created.push({ id: row.id, retryRound: 0 });
    }
    return created;
  }
}
