import { Page } from 'playwright-core';
import { METRICS_PORT_OFFSET } from '@alur/metrics';
import { createTestIsolation, expectEventually, freePorts } from '@alur/testing';
import { MailCatcher } from '../../apps/notifications/src/dev/mail-catcher';
import { startMailCatcher } from '../notifications/notifications-harness';
import { kotakuDraft } from '../proposals/proposal-fixtures';
import {
  Browser,
  callApiAs,
  checkPage,
  closeConsole,
  DESKTOP,
  holdScripts,
  openConsole,
  PHONE,
  reloadUntilVisible,
  RunningSystem,
} from './console-harness';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';

const BKM = 'bkm.14.03.09.1004';
const LURAH = 'lurah.14.03.09.1004';
const TITLE = 'Perbaikan Drainase Jalan Pattimura';
const CAMAT = 'camat.14.03.09';
const RETURN_NOTE = 'Lengkapi foto lokasi saluran di RT 03.';

/** Fills in the login form the console showed in place of the page asked for. */
async function logInHere(page: Page, username: string): Promise<void> {
  await page.getByRole('heading', { name: 'Masuk', exact: true }).waitFor();
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByRole('button', { name: 'Keluar' }).waitFor();
}

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(180_000);

describe('every address of the web console, opened cold, logged in or out', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;
  let catcher: MailCatcher;
  let consoleUrl: string;
  let proposalId: string;

  beforeAll(async () => {
    const mail = await startMailCatcher();
    catcher = mail.catcher;
    // The gateway listens where messages link to, so the test opens each link exactly as it was sent;
    // it serves its metrics at that port + METRICS_PORT_OFFSET, which must be free too.
    const [port] = await freePorts(1, { twins: [METRICS_PORT_OFFSET] });
    consoleUrl = `http://127.0.0.1:${port}`;
    ({ system, browser } = await openConsole(isolation, {
      GATEWAY_PORT: String(port),
      WEB_CONSOLE_URL: consoleUrl,
      SMTP_URL: mail.smtpUrl,
    }));
  });

  afterAll(async () => {
    await closeConsole(isolation, { system, browser });
    await catcher?.stop();
  });

  it('greets a newcomer at / with the login page, not a blank one, and says a page is loading until its code has come', async () => {
    const visitor = await browser.newPage(PHONE);
    await visitor.goto(`${system.url}/`);
    await visitor.getByRole('heading', { name: 'Masuk', exact: true }).waitFor();
    expect(new URL(visitor.url()).pathname).toBe('/masuk');
    await visitor.getByRole('link', { name: 'Lihat halaman transparansi publik' }).waitFor();
    await checkPage(visitor, 'addr-01-login-from-root-phone');

    // Logged in, the BKM is taken to its proposals; until their page's code has come (held back here, as a weak
    // line would), the console says it is loading rather than showing an empty page.
    const codeHeld = await holdScripts(visitor, '**/assets/my-proposals.page-*.js');
    await logInHere(visitor, BKM);
    await visitor.getByRole('main').getByText('Memuat…').waitFor();
    codeHeld.release();
    await visitor.getByRole('heading', { name: 'Usulan saya' }).waitFor();
    // So it does moving on to another page whose code has not come yet: the page left goes at once.
    const notificationsHeld = await holdScripts(visitor, '**/assets/notifications.page-*.js');
    await visitor.getByRole('navigation').getByRole('link', { name: 'Notifikasi' }).click();
    await visitor.getByRole('main').getByText('Memuat…').waitFor();
    expect(await visitor.getByRole('heading', { name: 'Usulan saya' }).count()).toBe(0);
    notificationsHeld.release();
    await visitor.getByRole('heading', { name: 'Notifikasi', exact: true }).waitFor();
    await visitor.close();
  });

  it('asks for a login on any page opened logged out, then shows that very page; the session holds in a new tab and after a reload', async () => {
    const bkm = await browser.newPage(PHONE);
    await bkm.goto(`${system.url}/usulan`);
    await logInHere(bkm, BKM);
    await bkm.getByRole('heading', { name: 'Usulan saya' }).waitFor();
    expect(new URL(bkm.url()).pathname).toBe('/usulan');
    await checkPage(bkm, 'addr-02-bkm-proposals-after-login-phone');

    const secondTab = await bkm.context().newPage();
    await secondTab.goto(`${system.url}/usulan/baru`);
    await secondTab.getByRole('heading', { name: 'Usulan baru' }).waitFor();
    expect(await secondTab.getByRole('button', { name: 'Keluar' }).count()).toBe(1);
    await secondTab.reload();
    await secondTab.getByRole('heading', { name: 'Usulan baru' }).waitFor();

    // At / a logged-in user lands on their role's home.
    await secondTab.goto(`${system.url}/`);
    await secondTab.getByRole('heading', { name: 'Usulan saya' }).waitFor();

    // Logging out in one tab logs out the other too, which then asks for a login again.
    await secondTab.getByRole('button', { name: 'Keluar' }).click();
    await bkm.getByRole('heading', { name: 'Masuk', exact: true }).waitFor();
    await bkm.close();
  });

  it('says so when a page does not exist, or is not for the reader’s role', async () => {
    const visitor = await browser.newPage(DESKTOP);
    await visitor.goto(`${system.url}/tidak-ada-halaman-ini`);
    await visitor.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();
    await checkPage(visitor, 'addr-03-not-found-desktop');
    await visitor.getByRole('link', { name: 'Ke halaman awal' }).click();
    await visitor.getByRole('heading', { name: 'Masuk', exact: true }).waitFor();

    await logInHere(visitor, BKM);
    await visitor.goto(`${system.url}/pencairan`);
    await visitor.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();
    await visitor.close();
  });

  it('leads from the link in an e-mail, through the login, to the proposal it names', async () => {
    const login = await fetch(`${system.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: BKM, password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const call = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${system.url}/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: string };
    };
    const draft = await call('POST', '/proposals', kotakuDraft(undefined, { title: TITLE }));
    await call('POST', `/proposals/${draft.id}/submit`, {});

    // The Lurah is told by e-mail that a proposal waits for a decision, with a link to it.
    const mail = await expectEventually(
      async () => {
        const found = catcher.messages.find((m) => m.to.includes(`${LURAH}@demo.alur.test`) && m.text.includes(draft.id));
        expect(found).toBeDefined();
        return found!;
      },
      { timeoutMs: 30_000 },
    );
    const link = /https?:\/\/\S+\/proposals\/[0-9a-f-]{36}/.exec(mail.text)?.[0];
    expect(link).toBe(`${consoleUrl}/proposals/${draft.id}`);

    const lurah = await browser.newPage(DESKTOP);
    // On a weak line the proposal's page comes a while after the login; until it has, the console says it is
    // loading (it stood empty before). Here the page's code is held back until that shows.
    const codeHeld = await holdScripts(lurah, '**/assets/proposal-detail.page-*.js');
    await lurah.goto(link!);
    await logInHere(lurah, LURAH);
    await lurah.getByRole('main').getByText('Memuat…').waitFor();
    codeHeld.release();
    await lurah.getByRole('heading', { name: TITLE }).waitFor();
    expect(new URL(lurah.url()).pathname).toBe(`/usulan/${draft.id}`);
    await lurah.getByRole('heading', { name: 'Keputusan', exact: true }).waitFor();
    await checkPage(lurah, 'addr-04-lurah-from-email-link-desktop');

    // The same link opened again, now logged in, goes straight to the proposal.
    const again = await lurah.context().newPage();
    await again.goto(link!);
    await again.getByRole('heading', { name: TITLE }).waitFor();
    proposalId = draft.id;

    // The Camat may read it, but it does not wait for the Camat yet: no decision panel there.
    const camat = await browser.newPage(DESKTOP);
    await camat.goto(`${system.url}/usulan/${draft.id}`);
    await logInHere(camat, CAMAT);
    await camat.getByRole('heading', { name: TITLE, exact: true }).waitFor();
    await camat.getByTestId('waiting-at').waitFor();
    expect(await camat.getByRole('heading', { name: 'Keputusan', exact: true }).count()).toBe(0);
    await camat.close();

    // The Lurah returns it with a note; the panel is gone once decided.
    await again.getByLabel('Catatan (wajib untuk dikembalikan atau ditolak)').fill(RETURN_NOTE);
    await again.getByRole('button', { name: 'Kembalikan untuk revisi' }).click();
    await again.getByRole('dialog').getByRole('button', { name: 'Kembalikan untuk revisi' }).click();
    await again.getByRole('status').getByText('Keputusan tersimpan').waitFor();
    await expectEventually(async () => expect(await again.getByRole('heading', { name: 'Keputusan', exact: true }).count()).toBe(0));
    await lurah.close();
  });

  it('shows the BKM the official’s return note on the revise form', async () => {
    const bkm = await browser.newPage(PHONE);
    await bkm.goto(`${system.url}/usulan/${proposalId}/ubah`);
    await logInHere(bkm, BKM);
    await reloadUntilVisible(bkm, () => bkm.getByTestId('return-note').getByText(RETURN_NOTE));
    expect(await bkm.getByTestId('return-note').textContent()).toContain('Lurah / Kepala Desa');
    await checkPage(bkm, 'addr-05-bkm-revise-with-return-note-phone');
    await bkm.close();
  });

  it('pages the BKM’s proposals in the address, twenty to a page, so that none is out of reach', async () => {
    // Years of proposals of one village: 21 drafts, the last written first on the list.
    const village = '14.03.09.1009';
    const bkm = await callApiAs(system.url, `bkm.${village}`);
    for (let n = 1; n <= 21; n++)
      await bkm('POST', '/proposals', kotakuDraft(village, { title: `Usulan ke-${String(n).padStart(2, '0')}` }));

    const phone = await browser.newPage(PHONE);
    await phone.goto(`${system.url}/usulan`);
    await logInHere(phone, `bkm.${village}`);
    const cards = phone.getByTestId('proposal-card');
    await cards.first().getByRole('link', { name: 'Usulan ke-21' }).waitFor();
    expect(await cards.count()).toBe(20);
    const pager = phone.getByRole('navigation', { name: 'Halaman' });
    await pager.getByText('Halaman 1 dari 2').waitFor();
    await pager.getByRole('link', { name: 'Berikutnya' }).click();
    await phone.waitForURL((url) => url.search === '?halaman=2');
    await cards.first().getByRole('link', { name: 'Usulan ke-01' }).waitFor();
    expect(await cards.count()).toBe(1);
    // The page holds on a reload, as a shared link would.
    await phone.reload();
    await cards.first().getByRole('link', { name: 'Usulan ke-01' }).waitFor();
    await pager.getByRole('link', { name: 'Sebelumnya' }).waitFor();
    await phone.close();
  });

  it('opens a draft’s page and its form without asking for approval stages it cannot have yet', async () => {
    // A draft has never entered the approval chain: the approvals service knows nothing of it and would answer 404,
    // which the browser reports in its console as an error on a page that is fine.
    const village = '14.03.09.1008';
    const draft = await (await callApiAs(system.url, `bkm.${village}`))<{ id: string }>('POST', '/proposals', kotakuDraft(village));
    const phone = await browser.newPage(PHONE);
    await phone.goto(`${system.url}/usulan`);
    await logInHere(phone, `bkm.${village}`);
    const asked: string[] = [];
    const failures: string[] = [];
    phone.on('request', (request) => request.url().includes('/stages') && asked.push(new URL(request.url()).pathname));
    phone.on('response', (response) => response.status() >= 400 && failures.push(`${response.status()} ${response.url()}`));
    phone.on('console', (message) => message.type() === 'error' && failures.push(message.text()));
    await phone.goto(`${system.url}/usulan/${draft.id}`);
    await phone.getByRole('heading', { name: 'Semenisasi Jalan Gang Damai' }).waitFor();
    await phone.getByRole('link', { name: 'Ubah usulan' }).click();
    await phone.getByRole('heading', { name: 'Ubah usulan' }).waitFor();
    await phone.getByTestId('budget-total').getByText('Rp 100.000.000').waitFor();
    expect(await phone.getByLabel('Judul usulan').inputValue()).toBe('Semenisasi Jalan Gang Damai');
    expect(asked).toEqual([]);
    expect(failures).toEqual([]);
    await phone.close();
  });
});
