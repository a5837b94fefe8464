import { AuditTrail } from '@alur/audit';
import { Actor, InvalidInputError } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { SmsGatewaySender } from '../../delivery/channels/sms-gateway.sender';
import { DirectoryUser } from '../../recipients/domain/recipient-resolver';
import { InMemoryDirectory, InMemoryPreferences, inMemoryTransactions } from '../../testing/in-memory-repositories';
import { PreferencesReader } from '../preferences-reader.service';
import { PreferencesUseCase } from './preferences.use-case';

// The use case's rules against in-memory repositories: no database, so a broken rule fails in milliseconds.
// The SQL, the lock and the HTTP answers are the end-to-end tests' (test/notifications/inbox-api.e2e-spec.ts).

const as = <T>(fake: Partial<T>) => fake as T;

const person = (userId: string, role: DirectoryUser['role'], over: Partial<DirectoryUser> = {}): DirectoryUser => ({
  userId,
  username: userId,
  displayName: userId,
  role,
  regionCode: '14.03.09.1004',
  language: 'id',
  email: `${userId}@desa.test`,
  phone: '+6281200000001',
  active: true,
  ...over,
});
const actorOf = (user: DirectoryUser): Actor => ({
  userId: user.userId,
  username: user.username,
  role: user.role,
  regionCode: user.regionCode,
});

const bkm = person('bkm', 'BKM');
const lurah = person('lurah', 'LURAH', { language: 'en', phone: null });
const ALL_EMAIL = { inApp: true, email: true, sms: false, whatsapp: false };

function setUp({ smsConfigured = true } = {}) {
  const directory = new InMemoryDirectory().add(bkm, lurah);
  const preferences = new InMemoryPreferences();
  const audit = { record: jest.fn() };
  const useCase = new PreferencesUseCase(
    as<Transactions>(inMemoryTransactions),
    directory,
    preferences,
    new PreferencesReader(directory, preferences),
    as<SmsGatewaySender>({ configured: smsConfigured }),
    as<AuditTrail>(audit),
  );
  return { useCase, preferences, audit };
}

describe('a user’s notification preferences', () => {
  it('are the defaults until changed: their language from the directory, e-mail on, SMS and WhatsApp off, no digest', async () => {
    const { useCase } = setUp();

    expect(await useCase.get(actorOf(lurah))).toEqual({
      language: 'en',
      digest: false,
      channels: { STATUS: ALL_EMAIL, TASK: ALL_EMAIL, REMINDER: ALL_EMAIL, FUNDS: ALL_EMAIL },
      // No phone number: neither SMS nor WhatsApp can reach the Lurah.
      available: { email: true, sms: false, whatsapp: false },
    });
  });

  it('switches the channels of one category, keeps the others, and puts who changed what, before and after, on the audit trail', async () => {
    const { useCase, preferences, audit } = setUp();

    const view = await useCase.update(actorOf(bkm), { channels: { FUNDS: { email: false, sms: true } } });

    expect(view.channels.FUNDS).toEqual({ inApp: true, email: false, sms: true, whatsapp: false });
    expect(view.channels.STATUS).toEqual(ALL_EMAIL);
    expect(view.available).toEqual({ email: true, sms: true, whatsapp: true });
    expect(await preferences.find({} as never, bkm.userId)).toEqual({
      language: null,
      digest: false,
      channels: { FUNDS: { email: false, sms: true } },
    });
    expect(audit.record).toHaveBeenCalledWith(expect.anything(), {
      actor: actorOf(bkm),
      action: 'notification-preferences.changed',
      entityType: 'notification-preferences',
      entityId: bkm.userId,
      before: null,
      after: { language: null, digest: false, channels: { FUNDS: { email: false, sms: true } } },
    });
  });

  it('merges a later change into what was stored: only what is sent changes', async () => {
    const { useCase, audit } = setUp();
    await useCase.update(actorOf(bkm), { channels: { FUNDS: { email: false, sms: true } } });

    const view = await useCase.update(actorOf(bkm), { language: 'en', channels: { FUNDS: { whatsapp: true }, STATUS: { email: false } } });

    expect(view.language).toBe('en');
    expect(view.channels.FUNDS).toEqual({ inApp: true, email: false, sms: true, whatsapp: true });
    expect(view.channels.STATUS).toEqual({ inApp: true, email: false, sms: false, whatsapp: false });
    expect(audit.record).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({
        before: { language: null, digest: false, channels: { FUNDS: { email: false, sms: true } } },
        after: {
          language: 'en',
          digest: false,
          channels: { FUNDS: { email: false, sms: true, whatsapp: true }, STATUS: { email: false } },
        },
      }),
    );
  });

  it('keeps SMS and WhatsApp switched on but unavailable while the regency has no SMS gateway', async () => {
    const { useCase } = setUp({ smsConfigured: false });

    const view = await useCase.update(actorOf(bkm), { channels: { STATUS: { sms: true } } });

    expect(view.channels.STATUS.sms).toBe(true);
    expect(view.available).toEqual({ email: true, sms: false, whatsapp: false });
  });

  it('lets officials who decide stages choose a digest, and refuses it to anyone else (400 naming the field), changing nothing', async () => {
    const { useCase, preferences, audit } = setUp();

    expect((await useCase.update(actorOf(lurah), { digest: true })).digest).toBe(true);

    const refused = useCase.update(actorOf(bkm), { digest: true, channels: { STATUS: { email: false } } });
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refused).rejects.toMatchObject({ errors: [expect.objectContaining({ field: 'digest' })] });
    expect(await preferences.find({} as never, bkm.userId)).toBeNull();
    expect(audit.record).toHaveBeenCalledTimes(1);
  });
});
