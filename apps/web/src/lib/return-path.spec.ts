import { afterLoginPath, fromList, listPathFromState, loginPathFor } from './return-path';

describe('the page to go on to after logging in', () => {
  it('brings the visitor back to the page they asked for, query included', () => {
    const login = loginPathFor({ pathname: '/usulan/0b5e2a52-3f9c-4d6f-9a51-2a8c1f1b6b01', search: '?pesan=diajukan' });
    expect(login).toBe('/masuk?lanjut=%2Fusulan%2F0b5e2a52-3f9c-4d6f-9a51-2a8c1f1b6b01%3Fpesan%3Ddiajukan');
    expect(afterLoginPath(login.slice('/masuk'.length))).toBe('/usulan/0b5e2a52-3f9c-4d6f-9a51-2a8c1f1b6b01?pesan=diajukan');
  });

  it('never leads to another site or back to the login page', () => {
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example', '/masuk', '']) {
      expect(afterLoginPath(`?lanjut=${encodeURIComponent(next)}`)).toBeUndefined();
    }
    expect(afterLoginPath('')).toBeUndefined();
  });
});

describe('the way back to the list a proposal was opened from', () => {
  it('returns to the list’s search and page', () => {
    const state = fromList({ pathname: '/daftar-usulan', search: '?status=IN_REVIEW&halaman=2' });
    expect(listPathFromState(state)).toBe('/daftar-usulan?status=IN_REVIEW&halaman=2');
  });

  it('knows none where the page was opened otherwise, and never leads to another site', () => {
    for (const state of [null, undefined, 'x', { inbox: 'q=a' }, { list: 3 }, { list: '//evil.example' }, { list: 'https://evil.example' }])
      expect(listPathFromState(state)).toBeUndefined();
  });
});
