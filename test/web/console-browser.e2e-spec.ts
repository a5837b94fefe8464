import { readFileSync } from 'node:fs';
import { Browser, launchBrowser, PLAYWRIGHT_DISABLED_FEATURES } from './console-browser';

/** The browser the console's stories drive: what each person's visit costs it, and what of Playwright's set-up it keeps. */
describe('the stories’ browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens a person’s page with nothing of the browser’s own UI beside it (no address bar pop-up per window)', async () => {
    const page = await browser.newPage();
    await page.setContent('<main><h1>Alur</h1></main>');
    const cdp = await page.context().browser()!.newBrowserCDPSession();
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
    expect(targetInfos.filter((t) => t.type !== 'page').map((t) => `${t.type} ${t.url}`)).toEqual([]);
    expect(targetInfos.filter((t) => t.type === 'page')).toHaveLength(1);
    await cdp.detach();
    await page.close();
  });

  it('keeps every feature Playwright itself disables (Chromium honours only the last --disable-features)', () => {
    const bundle = readFileSync(require.resolve('playwright-core/lib/coreBundle'), 'utf8');
    const list = /disabledFeatures = \[([\s\S]*?)\]/.exec(bundle)?.[1];
    expect(list).toBeDefined();
    const playwrights = list!
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, ''))
      .flatMap((line) => [...line.matchAll(/"(\w+)"/g)].map((m) => m[1]));
    expect(playwrights.length).toBeGreaterThan(0);
    expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual([...playwrights].sort());
  });
});
