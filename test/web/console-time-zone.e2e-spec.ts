import { createTestIsolation, expectEventually } from '@alur/testing';
import { BALIK_ALAM, kotakuDraft } from '../proposals/proposal-fixtures';
import { Browser, callApiAs, checkPage, closeConsole, DESKTOP, logIn, openConsole, queryDatabase, RunningSystem } from './console-harness';

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(240_000);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const WITA_OFFSET_MS = 8 * 3600_000;

/** A datetime-local field's value on a WITA clock, `offsetMs` from now. */
const witaField = (offsetMs: number) => new Date(Date.now() + WITA_OFFSET_MS + offsetMs).toISOString().slice(0, 16);
/** How the console writes that field's moment: `8 Des 2026, 09.41`. */
const written = (field: string) =>
  `${Number(field.slice(8, 10))} ${MONTHS[Number(field.slice(5, 7)) - 1]} ${field.slice(0, 4)}, ${field.slice(11).replace(':', '.')}`;

describe('a regency outside WIB: the console shows and reads times on the regency’s clock, as the services do', () => {
  // A regency of Bali or Sulawesi runs with TIMEZONE=Asia/Makassar (WITA, UTC+8).
  const isolation = createTestIsolation({ TIMEZONE: 'Asia/Makassar' });
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('names the regency’s time zone in the page the gateway serves', async () => {
    for (const path of ['/', '/usulan', '/index.html']) {
      const page = await (await fetch(`${system.url}${path}`, { headers: { accept: 'text/html' } })).text();
      expect(page).toContain('<meta name="alur-time-zone" content="Asia/Makassar" />');
    }
  });

  it('takes an acting appointment’s times as WITA, and shows them so', async () => {
    const admin = await browser.newPage(DESKTOP);
    await logIn(admin, system.url, 'admin');
    await admin.goto(`${system.url}/admin/plt-plh`);
    const form = admin.getByRole('form', { name: 'Tunjuk Plt/Plh' });
    const from = witaField(-3600_000);
    const until = witaField(3 * 24 * 3600_000);
    await form.getByLabel('Nama pengguna Plt/Plh').fill('sekda');
    await form.getByLabel('Menggantikan (nama pengguna pejabat)').fill('bupati');
    await form.getByLabel('Mulai (WITA)').fill(from);
    await form.getByLabel('Berakhir (WITA)').fill(until);
    await form.getByRole('button', { name: 'Tunjuk Plt/Plh' }).click();
    await admin.getByRole('status').getByText('Penunjukan disimpan.').waitFor();
    await checkPage(admin, 'time-zone-01-acting-wita');

    // The API holds the instants the WITA clock named, and the table shows them as typed.
    const appointments = await (
      await callApiAs(system.url, 'admin')
    )<Array<{ validFrom: string; validUntil: string }>>('GET', '/approvals/acting-appointments');
    expect(appointments.map((a) => [a.validFrom, a.validUntil])).toEqual([
      [new Date(`${from}:00+08:00`).toISOString(), new Date(`${until}:00+08:00`).toISOString()],
    ]);
    const table = admin.getByTestId('acting-appointments');
    await table.getByText(written(from)).waitFor();
    await table.getByText(written(until)).waitFor();
    await admin.close();
  });

  it('writes a deadline at midnight WITA as 24.00 of the day before', async () => {
    const bkm = await callApiAs(system.url, `bkm.${BALIK_ALAM}`);
    const { id } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: 'Jalan setapak WITA' }));
    await bkm('POST', `/proposals/${id}/submit`, {});
    // The approvals service opens the first stage once it hears of the submission.
    await expectEventually(async () => {
      const rows = await queryDatabase<{ id: string }>(
        isolation,
        `UPDATE "${isolation.env.DB_SCHEMA_PREFIX}approvals".approval_stage SET due_at = $1 WHERE proposal_id = $2 AND status = 'OPEN' RETURNING id`,
        ['2030-03-20T16:00:00Z', id],
      );
      expect(rows).toHaveLength(1);
    });
    const lurah = await browser.newPage(DESKTOP);
    await logIn(lurah, system.url, `lurah.${BALIK_ALAM}`);
    await lurah.goto(`${system.url}/kotak-masuk`);
    await lurah.getByTestId('inbox-item').filter({ hasText: 'Jalan setapak WITA' }).getByText('Batas waktu 20 Mar 2030, 24.00').waitFor();
    await lurah.close();
  });
});
