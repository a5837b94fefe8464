import { Actor, NotFoundError } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { PreferencesReader } from '../../preferences/preferences-reader.service';
import { DirectoryUser } from '../../recipients/domain/recipient-resolver';
import { InMemoryDirectory, InMemoryNotifications, InMemoryPreferences, inMemoryTransactions } from '../../testing/in-memory-repositories';
import { MarkReadUseCase } from './mark-read.use-case';

// The use case's rules against in-memory repositories: no database, so a broken rule fails in milliseconds.
// The SQL itself and the answers over HTTP are the end-to-end tests' (test/notifications/inbox-api.e2e-spec.ts).

const as = <T>(fake: Partial<T>) => fake as T;
const VILLAGE = '14.03.09.1004';

const person = (userId: string, role: DirectoryUser['role'], language: DirectoryUser['language'] = 'id'): DirectoryUser => ({
  userId,
  username: userId,
  displayName: userId,
  role,
  regionCode: VILLAGE,
  language,
  email: `${userId}@desa.test`,
  phone: null,
  active: true,
});
const actorOf = (user: DirectoryUser): Actor => ({
  userId: user.userId,
  username: user.username,
  role: user.role,
  regionCode: user.regionCode,
});

const bkm = person('bkm', 'BKM', 'en');
const lurah = person('lurah', 'LURAH');

function setUp() {
  const directory = new InMemoryDirectory().add(bkm, lurah);
  const preferences = new InMemoryPreferences();
  const notifications = new InMemoryNotifications();
  const useCase = new MarkReadUseCase(as<Transactions>(inMemoryTransactions), notifications, new PreferencesReader(directory, preferences));
  const notify = async (user: DirectoryUser, eventId: string) =>
    (await notifications.add({} as never, {
      recipientUserId: user.userId,
      eventId,
      kind: 'PROPOSAL_SUBMITTED',
      proposalId: null,
      content: { id: { title: `Usulan ${eventId}`, body: 'isi' }, en: { title: `Proposal ${eventId}`, body: 'body' } },
      link: 'http://console.test/proposals/1',
      actingFor: null,
    }))!;
  return { useCase, notifications, preferences, notify };
}

describe('marking notifications read', () => {
  it('marks the caller’s own notification read and answers it in their language, with what is still unread', async () => {
    const { useCase, notify } = setUp();
    const first = await notify(bkm, 'e1');
    await notify(bkm, 'e2');

    const answer = await useCase.one(actorOf(bkm), first);

    expect(answer).toMatchObject({ id: first, kind: 'PROPOSAL_SUBMITTED', title: 'Proposal e1', body: 'body', unreadCount: 1 });
    expect(answer.readAt).toEqual(expect.any(String));
  });

  it('keeps the first time a notification was read when it is read again', async () => {
    const { useCase, notify } = setUp();
    const id = await notify(bkm, 'e1');
    const first = await useCase.one(actorOf(bkm), id);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const again = await useCase.one(actorOf(bkm), id);

    expect(again.readAt).toBe(first.readAt);
    expect(again.unreadCount).toBe(0);
  });

  it('answers someone else’s notification as not found (not forbidden), and leaves it unread', async () => {
    const { useCase, notifications, notify } = setUp();
    const lurahs = await notify(lurah, 'e1');

    const marking = useCase.one(actorOf(bkm), lurahs);

    await expect(marking).rejects.toBeInstanceOf(NotFoundError);
    await expect(marking).rejects.toThrow('No such notification');
    expect(notifications.rows.find((n) => n.id === lurahs)!.readAt).toBeNull();
  });

  it('answers an id that is no one’s notification as not found', async () => {
    const { useCase } = setUp();
    await expect(useCase.one(actorOf(bkm), '6f1c2a34-0000-4000-8000-00000000dead')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('marks all of the caller’s unread notifications read, and only theirs', async () => {
    const { useCase, notifications, notify } = setUp();
    const read = await notify(bkm, 'e1');
    await useCase.one(actorOf(bkm), read);
    await notify(bkm, 'e2');
    await notify(bkm, 'e3');
    const lurahs = await notify(lurah, 'e2');

    expect(await useCase.all(actorOf(bkm))).toEqual({ marked: 2, unreadCount: 0 });
    expect(notifications.rows.find((n) => n.id === lurahs)!.readAt).toBeNull();
    expect(await useCase.all(actorOf(bkm))).toEqual({ marked: 0, unreadCount: 0 });
  });
});
