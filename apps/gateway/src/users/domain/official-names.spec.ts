import { NamedPerson, userIdsOf, withDisplayName } from './official-names';

const camat: NamedPerson & { role: string } = { userId: 'u-camat', username: 'camat.14.03.09', role: 'CAMAT' };
const plt = { userId: 'u-plt', username: 'budi', role: 'CAMAT', actingFor: camat };

describe('officials’ names beside their usernames', () => {
  it('collects each person once, with whom they acted for', () => {
    expect(userIdsOf([camat, null, plt, camat])).toEqual(['u-camat', 'u-plt']);
  });

  it('names the person and whom they acted for, keeping the rest', () => {
    const names = new Map([
      ['u-camat', 'Camat Mandau'],
      ['u-plt', 'Budi Santoso'],
    ]);
    expect(withDisplayName(plt, names)).toEqual({
      ...plt,
      displayName: 'Budi Santoso',
      actingFor: { ...camat, displayName: 'Camat Mandau' },
    });
  });

  it('falls back to the username of someone the gateway no longer knows', () => {
    expect(withDisplayName(camat, new Map()).displayName).toBe('camat.14.03.09');
  });
});
