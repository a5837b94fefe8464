import { readFileSync } from 'node:fs';
import { RegionDirectory } from '@alur/regions';
import { Page } from 'playwright-core';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { BALIK_ALAM, kotakuDraft, OTHER_MANDAU_VILLAGE } from '../proposals/proposal-fixtures';
import { Browser, callApiAs, checkPage, closeConsole, DESKTOP, logIn, openConsole, PHONE, RunningSystem } from './console-harness';

const NEW_USER = 'lurah.plt.uji';
const NEW_PASSWORD = 'kata-sandi-uji-1';
/** The one the new official chooses for themself. */
const OWN_PASSWORD = 'sandi-pilihan-sendiri-7';
/** The one the administrator gives them when they forget it. */
const RESET_PASSWORD = 'sandi-sementara-2026';

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(240_000);

describe('the ADMIN’s pages: users, programmes, acting officials, holidays and failed deliveries, in a browser', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;
  let admin: Page;

  const logInStatus = async (username: string, password: string) =>
    (
      await fetch(`${system.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
    ).status;

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    admin = await browser.newPage(DESKTOP);
    await logIn(admin, system.url, 'admin');
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu' });

  it('shows the administration pages in the menu of an ADMIN only', async () => {
    for (const entry of ['Pengguna', 'Program', 'Plt/Plh', 'Hari libur', 'Pengiriman pesan', 'Jejak audit'])
      await menu(admin).getByRole('link', { name: entry, exact: true }).waitFor();
    const lurah = await browser.newPage(DESKTOP);
    await logIn(lurah, system.url, `lurah.${BALIK_ALAM}`);
    expect(await menu(lurah).getByRole('link', { name: 'Pengguna', exact: true }).count()).toBe(0);
    await lurah.goto(`${system.url}/admin/pengguna`);
    await lurah.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();
    await lurah.close();
  });

  it('creates a user, who can then log in, and deactivates them, who then cannot', async () => {
    await menu(admin).getByRole('link', { name: 'Pengguna', exact: true }).click();
    await admin.getByRole('heading', { name: 'Pengguna', level: 1 }).waitFor();
    await admin.getByTestId('users').waitFor();
    await checkPage(admin, '50-admin-users');

    const form = admin.getByRole('form', { name: 'Tambah pengguna' });
    await form.getByLabel('Nama pengguna').fill(NEW_USER);
    await form.getByLabel('Nama tampilan').fill('Plt Lurah Balik Alam');
    await form.getByLabel('Peran').selectOption({ label: 'Lurah / Kepala Desa' });
    // The region by its name, not its code: a kecamatan, then one of its kelurahan or desa. A Lurah sent
    // with the kecamatan alone is refused, in words, on the village's field.
    await form.getByLabel('Kecamatan').selectOption({ label: 'Mandau' });
    await form.getByLabel('Kata sandi awal').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Tambah pengguna' }).click();
    await form.locator('#regionCode-error').getByText('Wajib diisi.').waitFor();
    await form.getByRole('alert').getByText('Wilayah: Wajib diisi.').waitFor();
    await checkPage(admin, '51-admin-user-refused');
    await form.getByLabel('Desa/Kelurahan').selectOption({ label: 'Balik Alam (kelurahan)' });
    await form.getByRole('button', { name: 'Tambah pengguna' }).click();
    await admin.getByRole('status').getByText(`Pengguna ${NEW_USER} ditambahkan.`).waitFor();
    const row = admin.locator(`[data-testid="user-row"][data-username="${NEW_USER}"]`);
    await row.getByText('Aktif', { exact: true }).waitFor();
    // The table names the region as people do; the code stays beside it for those who use it.
    await row.getByText('Balik Alam, Kec. Mandau', { exact: false }).waitFor();
    expect(await logInStatus(NEW_USER, NEW_PASSWORD)).toBe(200);

    // The new official replaces the password the administrator knows with their own, from the header, on a phone.
    const official = await browser.newPage(PHONE);
    await official.goto(`${system.url}/masuk`);
    await official.getByLabel('Nama pengguna').fill(NEW_USER);
    await official.getByLabel('Kata sandi').fill(NEW_PASSWORD);
    await official.getByRole('button', { name: 'Masuk', exact: true }).click();
    await official.getByRole('link', { name: 'Ganti kata sandi' }).click();
    await official.getByRole('heading', { name: 'Ganti kata sandi', level: 1 }).waitFor();
    const change = async (current: string, next: string, again = next) => {
      await official.getByLabel('Kata sandi sekarang').fill(current);
      await official.getByLabel('Kata sandi baru', { exact: true }).fill(next);
      await official.getByLabel('Ulangi kata sandi baru').fill(again);
      await official.getByRole('button', { name: 'Ganti kata sandi' }).click();
    };
    // Checked before sending: too short, and a repeat that differs; then the gateway's answer to a wrong current one.
    await change(NEW_PASSWORD, 'pendek', 'pendek!');
    await official.getByText('Kata sandi baru paling sedikit 10 karakter.').waitFor();
    await official.getByText('Tidak sama dengan kata sandi baru.').waitFor();
    await change('bukan-sandi-saya', OWN_PASSWORD);
    await official.locator('#currentPassword-error').getByText('Bukan kata sandi Anda sekarang.').waitFor();
    await checkPage(official, '50b-official-password-refused-phone');
    await change(NEW_PASSWORD, OWN_PASSWORD);
    await official.getByRole('status').getByText('Kata sandi diganti. Sesi Anda di perangkat lain telah berakhir.').waitFor();
    // Still logged in here, with the new token; the administrator's password no longer opens the account.
    await official.getByRole('link', { name: 'Notifikasi' }).first().click();
    await official
      .getByRole('heading', { name: /Notifikasi/ })
      .first()
      .waitFor();
    expect(await official.getByRole('button', { name: 'Keluar' }).count()).toBe(1);
    await official.close();
    expect(await logInStatus(NEW_USER, NEW_PASSWORD)).toBe(401);
    expect(await logInStatus(NEW_USER, OWN_PASSWORD)).toBe(200);

    // Moved to the neighbouring village: the row shows the new region.
    await row.getByRole('button', { name: 'Ubah peran, wilayah atau kata sandi' }).click();
    // The row's form starts at the user's kecamatan (once the kecamatan are loaded); its villages are Mandau's.
    await expectEventually(async () => expect(await row.getByLabel('Kecamatan').inputValue()).toBe('14.03.09'));
    await row.getByLabel('Desa/Kelurahan').selectOption(OTHER_MANDAU_VILLAGE);
    await row.getByRole('button', { name: 'Simpan perubahan' }).click();
    await admin.getByRole('status').getByText(`Akun ${NEW_USER} diperbarui.`).waitFor();
    await row.getByText(OTHER_MANDAU_VILLAGE, { exact: true }).waitFor();
    await row.getByText(`${RegionDirectory.shared().get(OTHER_MANDAU_VILLAGE)!.name}, Kec. Mandau`, { exact: false }).waitFor();

    // They forgot the password they chose: the administrator gives them a new one, to hand over in person.
    await row.getByRole('button', { name: 'Ubah peran, wilayah atau kata sandi' }).click();
    await row.getByLabel('Kata sandi baru, bila pengguna lupa (kosongkan bila tidak)').fill(RESET_PASSWORD);
    await row.getByRole('button', { name: 'Simpan perubahan' }).click();
    await admin.getByRole('status').getByText(`Kata sandi ${NEW_USER} diganti.`, { exact: false }).waitFor();
    expect(await logInStatus(NEW_USER, OWN_PASSWORD)).toBe(401);
    expect(await logInStatus(NEW_USER, RESET_PASSWORD)).toBe(200);

    await row.getByRole('button', { name: `Nonaktifkan ${NEW_USER}` }).click();
    const dialog = admin.getByRole('dialog', { name: `Nonaktifkan akun ${NEW_USER}?` });
    await dialog.waitFor();
    await checkPage(admin, '52-admin-user-deactivate-dialog');
    await dialog.getByRole('button', { name: 'Nonaktifkan' }).click();
    await row.getByText('Nonaktif', { exact: true }).waitFor();
    expect(await logInStatus(NEW_USER, RESET_PASSWORD)).toBe(401);
  });

  it('adds a holiday to the working calendar', async () => {
    await menu(admin).getByRole('link', { name: 'Hari libur', exact: true }).click();
    await admin.getByRole('heading', { name: 'Hari libur', level: 1 }).waitFor();
    const year = DEMO_FISCAL_YEAR + 1;
    await admin.getByLabel('Tanggal', { exact: true }).fill(`${year}-03-20`);
    await admin.getByLabel('Keterangan').fill('Cuti bersama (uji konsol)');
    await admin.getByRole('button', { name: 'Tambah hari libur' }).click();
    await admin.getByRole('status').waitFor();
    // The list turns to the holiday's year and shows it.
    await admin.getByTestId('holidays').getByText('Cuti bersama (uji konsol)').waitFor();
    expect(await admin.getByLabel('Tahun').inputValue()).toBe(String(year));
    await checkPage(admin, '53-admin-holidays');
  });

  it('removes a holiday from the working calendar, and says so when another administrator removed it first', async () => {
    const year = DEMO_FISCAL_YEAR + 1;
    const holidays = admin.getByTestId('holidays');
    // The holiday the test before added, on 20 March: removed after a question.
    await holidays.getByRole('button', { name: `Hapus: 20 Mar ${year}` }).click();
    const dialog = admin.getByRole('dialog', { name: `Hapus hari libur 20 Mar ${year}?` });
    await dialog.getByText('Cuti bersama (uji konsol)').waitFor();
    await dialog.getByText('Tenggat tahap yang sudah terbuka tidak berubah.', { exact: false }).waitFor();
    await checkPage(admin, '54-admin-holiday-remove-dialog');
    await dialog.getByRole('button', { name: 'Hapus' }).click();
    await admin.getByRole('status').getByText(`Hari libur 20 Mar ${year} dihapus.`).waitFor();
    await holidays.getByText('Cuti bersama (uji konsol)').waitFor({ state: 'detached' });

    // Another administrator removes a day while this one is asked to confirm the same removal.
    const api = await callApiAs(system.url, 'admin');
    await api('POST', '/approvals/holidays', { date: `${year}-03-23`, name: 'Cuti bersama (uji dua admin)' });
    await admin.reload();
    await admin.getByLabel('Tahun').selectOption(String(year));
    await holidays.getByRole('button', { name: `Hapus: 23 Mar ${year}` }).click();
    expect(await api('DELETE', `/approvals/holidays/${year}-03-23`)).toEqual({
      date: `${year}-03-23`,
      name: 'Cuti bersama (uji dua admin)',
    });
    await admin.getByRole('dialog').getByRole('button', { name: 'Hapus' }).click();
    await admin.getByRole('alert').getByText('Tanggal ini sudah tidak ada di daftar hari libur; daftarnya dimuat ulang.').waitFor();
    await holidays.getByText('Cuti bersama (uji dua admin)').waitFor({ state: 'detached' });
  });

  it('finds in the audit trail a holiday the administrator just added, named with who added it, and a withdrawn proposal’s approval chain leading to its page, on a desktop and a phone', async () => {
    const date = `${DEMO_FISCAL_YEAR + 1}-04-10`;
    await menu(admin).getByRole('link', { name: 'Hari libur', exact: true }).click();
    await admin.getByRole('heading', { name: 'Hari libur', level: 1 }).waitFor();
    await admin.getByLabel('Tanggal', { exact: true }).fill(date);
    await admin.getByLabel('Keterangan').fill('Cuti bersama (uji jejak audit)');
    await admin.getByRole('button', { name: 'Tambah hari libur' }).click();
    await admin.getByRole('status').waitFor();

    await menu(admin).getByRole('link', { name: 'Jejak audit', exact: true }).click();
    await admin.getByRole('heading', { name: 'Jejak audit', level: 1 }).waitFor();
    const filters = admin.getByRole('search', { name: 'Saringan jejak audit' });
    await filters.getByLabel('Layanan').selectOption({ label: 'Persetujuan, Plt/Plh dan hari libur' });
    await filters.getByLabel('Tindakan').fill('working-calendar.');
    await filters.getByRole('button', { name: 'Tampilkan' }).click();
    const added = admin.getByTestId('audit-row').filter({ hasText: 'Cuti bersama (uji jejak audit)' });
    await added.waitFor();
    // Who (by name, with the username and role in words), what (in words, with its code), on which day, and what it became.
    for (const text of [
      'Administrator Alur Bengkalis',
      'admin · Administrator',
      'Hari libur ditambahkan',
      'working-calendar.holiday-added',
      date,
    ])
      await added.getByText(text, { exact: true }).first().waitFor();
    await added.getByText('name: — → Cuti bersama (uji jejak audit)').waitFor();
    await added.getByText('Rincian').click();
    await added.getByText('"name": "Cuti bersama (uji jejak audit)"', { exact: false }).waitFor();
    await checkPage(admin, '55-admin-audit-trail');
    // The same records, all of them, as a file for an inspector's working papers.
    const [csv] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'Unduh CSV (semua yang cocok)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('jejak-audit-approvals.csv');
    const exported = readFileSync((await csv.path())!, 'utf8');
    expect(exported).toContain(',admin,Administrator Alur Bengkalis,ADMIN,,,working-calendar.holiday-added,working-calendar-holiday,');
    expect(exported).toContain('Cuti bersama (uji jejak audit)');

    // Narrowed to the day and its actor: that record alone; by someone who did nothing here: none.
    await filters.getByLabel('Tindakan').fill('');
    await filters.getByLabel('ID objek').fill(date);
    await filters.getByLabel('Pelaku').fill('admin');
    await filters.getByRole('button', { name: 'Tampilkan' }).click();
    await expectEventually(async () => expect(await admin.getByTestId('audit-row').count()).toBe(1));
    await filters.getByLabel('Pelaku').fill('bupati');
    await filters.getByRole('button', { name: 'Tampilkan' }).click();
    await admin.getByText('Tidak ada catatan yang cocok dengan saringan ini.').waitFor();
    // A filter the trail cannot take is named in words.
    await filters.getByLabel('Tindakan').fill('Hari Libur');
    await filters.getByRole('button', { name: 'Tampilkan' }).click();
    await admin.getByRole('alert').getByText('Tindakan', { exact: false }).waitFor();

    // Every service answers for its own trail.
    const api = await callApiAs(system.url, 'admin');
    for (const context of ['proposals', 'approvals', 'disbursements', 'notifications', 'gateway'])
      expect(await api<{ items: unknown[] }>('GET', `/audit?context=${context}&pageSize=1`)).toMatchObject({ items: expect.any(Array) });

    // A proposal withdrawn under review: its approval chain's record leads to the proposal's page.
    const bkm = await callApiAs(system.url, `bkm.${BALIK_ALAM}`);
    const proposal = await bkm<{ id: string; version: number }>(
      'POST',
      '/proposals',
      kotakuDraft(BALIK_ALAM, { title: 'Talud (uji jejak audit)' }),
    );
    await bkm('POST', `/proposals/${proposal.id}/submit`, { version: proposal.version });
    await expectEventually(async () => expect(await bkm<unknown[]>('GET', `/approvals/proposals/${proposal.id}/stages`)).not.toEqual([]));
    await bkm('POST', `/proposals/${proposal.id}/withdraw`, { reason: 'Lokasi sudah dibiayai dana desa' });
    await filters.getByLabel('Tindakan').fill('');
    await filters.getByLabel('Pelaku').fill('');
    await filters.getByLabel('ID objek').fill(`${proposal.id}#1`);
    await expectEventually(async () => {
      await filters.getByRole('button', { name: 'Tampilkan' }).click();
      expect(await admin.getByTestId('audit-row').count()).toBeGreaterThan(0);
    });
    await admin
      .getByTestId('audit-row')
      .getByRole('link', { name: `${proposal.id}#1` })
      .first()
      .click();
    await admin.getByRole('heading', { name: 'Talud (uji jejak audit)', level: 1 }).waitFor();

    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, 'admin');
    await phone.goto(`${system.url}/admin/jejak-audit`);
    await phone.getByLabel('Layanan').selectOption({ label: 'Persetujuan, Plt/Plh dan hari libur' });
    await phone.getByRole('button', { name: 'Tampilkan' }).click();
    await phone.getByTestId('audit-row').filter({ hasText: 'Cuti bersama (uji jejak audit)' }).waitFor();
    await checkPage(phone, '55b-admin-audit-trail-phone');
    await phone.close();
  });

  it('lists failed deliveries and sends one again, or says there are none', async () => {
    await menu(admin).getByRole('link', { name: 'Pengiriman pesan', exact: true }).click();
    await admin.getByRole('heading', { name: 'Pengiriman pesan', level: 1 }).waitFor();
    await admin.getByRole('button', { name: 'Buka papan antrean (Bull Board)' }).waitFor();
    const failed = admin.getByTestId('delivery-row');
    await failed.first().or(admin.getByTestId('no-deliveries')).waitFor();
    await checkPage(admin, '54-admin-deliveries');
    if ((await failed.count()) > 0) {
      await failed
        .first()
        .getByRole('button', { name: /^Kirim ulang/ })
        .click();
      await admin.getByRole('status').getByText('Pengiriman diantrekan lagi.').waitFor();
    } else {
      await admin.getByText('Tidak ada pengiriman dengan status ini.').waitFor();
    }
    // The other statuses are a choice away: sent ones (the demo users' e-mails) are listed without a retry button.
    await admin.getByLabel('Tampilkan').selectOption({ label: 'Terkirim' });
    await admin.getByTestId('delivery-row').first().or(admin.getByTestId('no-deliveries')).waitFor();
    expect(await admin.getByRole('button', { name: /^Kirim ulang/ }).count()).toBe(0);
  });

  it('drafts a new version of a programme and publishes it', async () => {
    await menu(admin).getByRole('link', { name: 'Program', exact: true }).click();
    await admin.getByRole('heading', { name: 'Program', level: 1 }).waitFor();
    const kotaku = admin.getByTestId('programme').filter({ hasText: DEMO_KOTAKU });
    await kotaku.waitFor();
    await checkPage(admin, '55-admin-programmes');
    const form = admin.getByRole('form', { name: 'Draf versi baru' });
    await form.getByLabel('Salin dari program').selectOption({ value: DEMO_KOTAKU });
    await form.getByLabel('Nama program').fill('KOTAKU (perubahan uji konsol)');
    await form.getByLabel('Dana maksimal per usulan (Rp)').fill('400000000');
    // The APBD gives each kecamatan Rp 2,5 miliar now: where BPKAD has set no pagu, that is the pagu.
    const ceiling = form.getByLabel('Pagu bawaan per kecamatan (Rp)');
    expect(await ceiling.inputValue()).toBe('2.000.000.000');
    await ceiling.fill('2,5 miliar');
    await form.getByRole('button', { name: 'Buat draf' }).click();
    // Not an amount: refused beside the field, which says how to write one; nothing drafted.
    await expectEventually(async () => expect(await ceiling.getAttribute('aria-invalid')).toBe('true'));
    await form.getByText('Tulis rupiah bulat dengan angka, misalnya 2.500.000.').waitFor();
    await ceiling.fill('2.500.000.000');
    await form.getByRole('button', { name: 'Buat draf' }).click();
    await admin.getByRole('status').getByText(`Draf ${DEMO_KOTAKU} versi 2 dibuat.`).waitFor();
    await kotaku.getByRole('button', { name: `Terbitkan ${DEMO_KOTAKU} versi 2` }).click();
    const dialog = admin.getByRole('dialog', { name: `Terbitkan ${DEMO_KOTAKU} versi 2?` });
    await dialog.getByRole('button', { name: 'Terbitkan' }).click();
    await admin.getByRole('status').getByText(`${DEMO_KOTAKU} versi 2 diterbitkan.`).waitFor();
    await expectEventually(async () => expect(await kotaku.getByText('Draf', { exact: true }).count()).toBe(0));
    await kotaku.getByRole('heading', { name: /KOTAKU \(perubahan uji konsol\)/ }).waitFor();
    const bpkad = await callApiAs(system.url, 'bpkad');
    await expectEventually(async () => {
      const { items } = await bpkad<{ items: Array<{ amount: number; programmeDefault: boolean }> }>(
        'GET',
        `/budgets?programCode=${DEMO_KOTAKU}`,
      );
      expect(items.length).toBeGreaterThan(0);
      expect(items.filter((b) => b.programmeDefault).map((b) => b.amount)).toEqual(items.map(() => 2_500_000_000));
    });
  });

  it('lists acting officials, appoints one in force from an hour ago, and ends it', async () => {
    await menu(admin).getByRole('link', { name: 'Plt/Plh', exact: true }).click();
    await admin.getByRole('heading', { name: 'Pelaksana tugas (Plt/Plh)', level: 1 }).waitFor();
    await admin.getByText('Belum ada data.').waitFor();
    await checkPage(admin, '56-admin-acting-empty');
    // datetime-local fields hold the regency's time (WIB, UTC+7).
    const wib = (offsetMs: number) => new Date(Date.now() + 7 * 3600_000 + offsetMs).toISOString().slice(0, 16);
    const form = admin.getByRole('form', { name: 'Tunjuk Plt/Plh' });
    // Part of a display name offers the users it may mean, by username, name and role.
    await form.getByLabel('Nama pengguna Plt/Plh').fill('sekretaris');
    const offered = form.locator('#acting-suggestions option[value="sekda"]');
    await offered.waitFor({ state: 'attached' });
    expect(await offered.textContent()).toBe('Sekretaris Daerah Kabupaten Bengkalis · Sekda');
    await form.getByLabel('Nama pengguna Plt/Plh').fill('sekda');
    await form.getByLabel('Menggantikan (nama pengguna pejabat)').fill('bupati');
    await form.getByLabel('Mulai (WIB)').fill(wib(-3600_000));
    await form.getByLabel('Berakhir (WIB)').fill(wib(3 * 24 * 3600_000));
    await form.getByRole('button', { name: 'Tunjuk Plt/Plh' }).click();
    await admin.getByRole('status').getByText('Penunjukan disimpan.').waitFor();
    const table = admin.getByTestId('acting-appointments');
    await table.getByText('sekda', { exact: true }).waitFor();
    await table.getByText('Berlaku', { exact: true }).waitFor();
    await checkPage(admin, '57-admin-acting');

    await table.getByRole('button', { name: 'Akhiri: sekda → bupati' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Akhiri penunjukan sekda sebagai Plt/Plh bupati sekarang?' });
    await dialog.getByRole('button', { name: 'Akhiri' }).click();
    await admin.getByRole('status').getByText('Penunjukan diakhiri.').waitFor();
    await table.getByText('Tidak berlaku', { exact: true }).waitFor();
    expect(await table.getByRole('button', { name: /^Akhiri/ }).count()).toBe(0);
  });
});
