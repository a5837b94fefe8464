import { InvalidInputError, parseRequest, UpdateNotificationPreferences } from '@alur/contracts';
import { applyPreferencesUpdate, effectivePreferences } from './notification-preferences';

/** A change as the service receives it: parsed by its contract first. */
const change = (input: unknown) => parseRequest(UpdateNotificationPreferences.request, input);

function errorsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors;
  }
  throw new Error('expected a 400');
}

describe('notification preferences', () => {
  it('defaults to the user’s language, e-mail on and SMS/WhatsApp off, no digest', () => {
    const prefs = effectivePreferences(null, 'id');
    expect(prefs.language).toBe('id');
    expect(prefs.digest).toBe(false);
    expect(prefs.channels.TASK).toEqual({ email: true, sms: false, whatsapp: false });
    expect(Object.keys(prefs.channels)).toEqual(['STATUS', 'TASK', 'REMINDER', 'FUNDS']);
  });

  it('merges a partial change into what was stored', () => {
    const first = applyPreferencesUpdate(null, { language: 'en', channels: { TASK: { sms: true } } }, 'CAMAT');
    const second = applyPreferencesUpdate(first, { channels: { TASK: { email: false }, FUNDS: { whatsapp: true, inApp: true } } }, 'CAMAT');
    const prefs = effectivePreferences(second, 'id');
    expect(prefs.language).toBe('en');
    expect(prefs.channels.TASK).toEqual({ email: false, sms: true, whatsapp: false });
    expect(prefs.channels.FUNDS).toEqual({ email: true, sms: false, whatsapp: true });
    expect(prefs.channels.STATUS).toEqual({ email: true, sms: false, whatsapp: false });
  });

  it('refuses to switch the in-app inbox off, naming the field', () => {
    expect(errorsOf(() => change({ channels: { STATUS: { inApp: false } } }))).toEqual([
      { field: 'channels.STATUS.inApp', reason: 'in-app notifications cannot be switched off', code: 'invalid_value' },
    ]);
  });

  it('refuses unknown languages, categories and fields', () => {
    const errors = errorsOf(() => change({ language: 'jv', channels: { GOSSIP: { email: true } }, colour: 'red' }));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'language' }),
        { field: 'channels.GOSSIP', reason: 'is not a field of this request', code: 'unknown_field' },
        { field: 'colour', reason: 'is not a field of this request', code: 'unknown_field' },
      ]),
    );
  });

  it('lets officials, and only officials, choose a daily digest of reminders', () => {
    expect(applyPreferencesUpdate(null, { digest: true }, 'LURAH').digest).toBe(true);
    expect(errorsOf(() => applyPreferencesUpdate(null, { digest: true }, 'BKM'))).toEqual([expect.objectContaining({ field: 'digest' })]);
  });
});
