import { chromium, Page } from 'playwright-core';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };

/**
 * Playwright's own `--disable-features` (playwright-core 1.65's chromiumSwitches). Chromium keeps only the last
 * `--disable-features` it is given, so ours must repeat these; console-browser.e2e-spec.ts checks them against the
 * installed playwright-core.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium 156 preloads the address bar's pop-up, a WebUI page in a renderer of its own, in every window, so for
 * every person a story opens: 22 of console-officials' 87 s of Chromium CPU went to 13 of them, and its browser
 * process spent 8 s more. Headless, nobody types in an address bar. Puppeteer disables both since its PR 15278.
 */
const OMNIBOX_POPUP = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export interface Browser {
  /** A new person on their own device: a fresh browser context (own storage, so own session), with one tab open. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless; each person gets a fresh context, as if on their own phone or laptop. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUP].join(',')}`,
    ],
  });
  return {
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      // Closing the tab ends the person's visit: their context goes with it.
      page.on('close', () => void context.close().catch(() => undefined));
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}
