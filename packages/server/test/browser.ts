// A real headless browser for the dashboard's tests: the system's Chromium (Debian's
// `chromium` package, which .ci/run installs), driven by puppeteer-core. No download step.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const CANDIDATES = [
  process.env.KICI_CHROMIUM,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** The Chromium executable, or undefined when the machine has none. */
export const chromiumPath = CANDIDATES.find(
  (path): path is string => path !== undefined && existsSync(path),
);

if (!chromiumPath)
  console.warn(
    'SKIPPED: the dashboard browser tests need Chromium (apt-get install chromium, or set ' +
      'KICI_CHROMIUM to its executable); none was found.',
  );

export function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('no Chromium executable');
  return puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    // Root in containers needs --no-sandbox; small /dev/shm and no GPU on CI machines.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** Screenshots land in packages/server/test-results/ui, which CI keeps as artifacts. */
export const SCREENSHOTS = fileURLToPath(new URL('../test-results/ui/', import.meta.url));

export async function screenshotPath(name: string): Promise<`${string}.png`> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}${name}.png`;
}

/** Signs a page in through the sign-in form, as a user would; the page ends on /ui/secrets. */
export async function signIn(page: Page, baseUrl: string, dashboardToken: string) {
  await page.goto(`${baseUrl}/ui/sign-in`);
  await page.type('#token', dashboardToken);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
}

/** The trimmed text of every element a selector matches, in document order. */
export const textsOf = (page: Page, selector: string) =>
  page.$$eval(selector, (nodes) => nodes.map((node) => node.textContent?.trim() ?? ''));

/** Lets pages of `origin` read and write the clipboard (the copy buttons' tests read it back). */
export const allowClipboard = (browser: Browser, origin: string) =>
  browser
    .defaultBrowserContext()
    .overridePermissions(origin, [
      'clipboard-read',
      'clipboard-write',
      'clipboard-sanitized-write',
    ]);
