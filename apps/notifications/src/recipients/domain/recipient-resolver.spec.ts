import { ActingAppointment, DirectoryUser, resolveRecipients } from './recipient-resolver';

const user = (userId: string, role: DirectoryUser['role'], regionCode: string, over: Partial<DirectoryUser> = {}): DirectoryUser => ({
  userId,
  username: userId,
  displayName: userId,
  role,
  regionCode,
  language: 'id',
  email: null,
  phone: null,
  active: true,
  ...over,
});
const camat = user('camat-mandau', 'CAMAT', '14.03.09');
const otherCamat = user('camat-pinggir', 'CAMAT', '14.03.13');
const sekcam = user('sekcam-mandau', 'LURAH', '14.03.09.1004');
const plt: ActingAppointment = {
  appointmentId: 'a1',
  actingUserId: sekcam.userId,
  actingForUserId: camat.userId,
  role: 'CAMAT',
  regionCode: '14.03.09',
  validFrom: new Date('2026-03-01T00:00:00Z'),
  validUntil: new Date('2026-03-31T00:00:00Z'),
};
const mandau = [{ role: 'CAMAT' as const, regionCode: '14.03.09' }];

describe('resolving audiences to users', () => {
  it('finds the holders of the role over exactly that region, and no one else', () => {
    const found = resolveRecipients(mandau, [camat, otherCamat, sekcam], [], new Date('2026-03-10T00:00:00Z'));
    expect(found).toEqual([{ user: camat, actingFor: null }]);
  });

  it('adds the acting official within the appointment period, saying for whom they act', () => {
    const found = resolveRecipients(mandau, [camat, sekcam], [plt], new Date('2026-03-10T00:00:00Z'));
    expect(found).toEqual([
      { user: camat, actingFor: null },
      { user: sekcam, actingFor: { role: 'CAMAT', regionCode: '14.03.09' } },
    ]);
  });

  it('gives reminders to the acting official instead of the absent one, only while the appointment is in force', () => {
    const during = resolveRecipients(mandau, [camat, sekcam], [plt], new Date('2026-03-10T00:00:00Z'), { replaceAbsent: true });
    expect(during).toEqual([{ user: sekcam, actingFor: { role: 'CAMAT', regionCode: '14.03.09' } }]);
    const after = resolveRecipients(mandau, [camat, sekcam], [plt], new Date('2026-03-31T00:00:00Z'), { replaceAbsent: true });
    expect(after).toEqual([{ user: camat, actingFor: null }]);
  });

  it('drops the acting official before and after the period (the end is exclusive)', () => {
    expect(resolveRecipients(mandau, [camat, sekcam], [plt], new Date('2026-02-28T23:59:59Z')).map((r) => r.user.userId)).toEqual([
      camat.userId,
    ]);
    expect(resolveRecipients(mandau, [camat, sekcam], [plt], new Date('2026-03-31T00:00:00Z')).map((r) => r.user.userId)).toEqual([
      camat.userId,
    ]);
  });

  it('reaches an acting official even when the position is vacant or its holder inactive', () => {
    const found = resolveRecipients(mandau, [{ ...camat, active: false }, sekcam], [plt], new Date('2026-03-10T00:00:00Z'));
    expect(found.map((r) => r.user.userId)).toEqual([sekcam.userId]);
  });

  it('tells a user once when they are in an audience in their own right and as acting official', () => {
    const selfActing = { ...plt, actingUserId: camat.userId };
    expect(resolveRecipients(mandau, [camat], [selfActing], new Date('2026-03-10T00:00:00Z'))).toEqual([{ user: camat, actingFor: null }]);
  });

  describe('an audience with a stand-in (a kecamatan’s field verifiers, else the regency’s)', () => {
    const verifiers = [
      { role: 'VERIFIKATOR' as const, regionCode: '14.03.09', orElse: { role: 'VERIFIKATOR' as const, regionCode: '14.03' } },
    ];
    const mandauVerifier = user('verifikator-mandau', 'VERIFIKATOR', '14.03.09');
    const regencyVerifier = user('verifikator-bengkalis', 'VERIFIKATOR', '14.03');
    const at = new Date('2026-03-10T00:00:00Z');
    const told = (users: DirectoryUser[], appointments: ActingAppointment[] = []) =>
      resolveRecipients(verifiers, users, appointments, at).map((r) => r.user.userId);

    it('tells the kecamatan’s own verifier, not the stand-in', () => {
      expect(told([mandauVerifier, regencyVerifier])).toEqual([mandauVerifier.userId]);
    });

    it('tells the stand-in where the kecamatan has no verifier, or only an inactive one', () => {
      expect(told([regencyVerifier])).toEqual([regencyVerifier.userId]);
      expect(told([{ ...mandauVerifier, active: false }, regencyVerifier])).toEqual([regencyVerifier.userId]);
    });

    it('tells an official acting for the kecamatan’s verifier, not the stand-in, while the appointment is in force', () => {
      const actingVerifier = { ...plt, actingForUserId: mandauVerifier.userId, role: 'VERIFIKATOR' as const };
      const users = [{ ...mandauVerifier, active: false }, regencyVerifier, sekcam];
      expect(told(users, [actingVerifier])).toEqual([sekcam.userId]);
      expect(resolveRecipients(verifiers, users, [actingVerifier], new Date('2026-04-10T00:00:00Z')).map((r) => r.user.userId)).toEqual([
        regencyVerifier.userId,
      ]);
    });
  });

  it('leaves out inactive users', () => {
    expect(resolveRecipients(mandau, [{ ...camat, active: false }], [], new Date())).toEqual([]);
  });
});
