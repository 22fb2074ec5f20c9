/**
 * Debian's Chromium driven by playwright-core, for the browser tests (test/e2e, `npm run test:e2e`).
 *
 * - launchChromium(): /usr/bin/chromium (or $CHROMIUM_PATH) headless, with the flags of shared/spec/stack-notes.md
 *   ("Browser tests"): without the background-networking ones Chromium floods a closed network with refused
 *   connections. `npx playwright install` cannot download browsers here, so there is no bundled fallback.
 * - watchPage(): records every console error, uncaught page error and CSP violation of a page, with the URL it
 *   happened on; takePageProblems() hands them over (minus expected ones) so a test can fail with the list.
 * - snap(): a full-page screenshot of the current page at phone width (390×844) and desktop width (1280×800),
 *   under test-results/screenshots/ (git-ignored), numbered in the order the pages were visited.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-results/screenshots');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  }
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
}

/**
 * A fresh browser profile (no cookies) that starts at phone width, in Chinese, on the dev server. Browser-drawn
 * controls (date pickers, "Choose File") stay English: Debian's chromium ships only en-US.pak without chromium-l10n.
 */
export function newContext(browser: Browser, baseURL: string, options: { javaScript?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { ...PHONE },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    javaScriptEnabled: options.javaScript ?? true,
  });
}

export interface PageProblem {
  kind: 'console' | 'pageerror' | 'csp';
  url: string;
  text: string;
}

const problems = new WeakMap<Page, PageProblem[]>();

/** Runs in the page before its own scripts (a string: the tests' tsconfig has no DOM types). */
const CSP_LISTENER = `document.addEventListener('securitypolicyviolation', function (e) {
  console.error('[csp] ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`;

/**
 * Records console errors, uncaught exceptions and CSP violations. CSP violations also reach the console as errors;
 * the securitypolicyviolation listener (injected by the browser, so the page's own CSP does not block it) names
 * the directive even where the console message would be vague.
 */
export async function watchPage(page: Page): Promise<Page> {
  const list: PageProblem[] = [];
  problems.set(page, list);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    list.push({ kind: text.startsWith('[csp]') || text.includes('Content Security Policy') ? 'csp' : 'console', url: page.url(), text });
  });
  page.on('pageerror', (error) => list.push({ kind: 'pageerror', url: page.url(), text: String(error?.stack ?? error) }));
  await page.addInitScript({ content: CSP_LISTENER });
  return page;
}

/** The problems recorded so far, minus the ones `allowed` matches; the list is emptied. */
export function takePageProblems(page: Page, allowed: RegExp[] = []): PageProblem[] {
  const list = problems.get(page) ?? [];
  const taken = list.splice(0, list.length);
  return taken.filter((p) => !allowed.some((re) => re.test(p.text)));
}

/** Chromium logs the HTTP status of a page that answered 4xx; expected where a test asks for a refusal. */
export const HTTP_STATUS_MESSAGE = (status: number) => new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`);

export function formatProblems(list: PageProblem[]): string {
  return list.map((p) => `${p.kind} on ${p.url}: ${p.text}`).join('\n');
}

let shot = 0;

/** Empties the screenshot folder (once per run, before the first test). */
export function resetScreenshots(): void {
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  shot = 0;
}

/** Every screenshot written so far, in order. */
export const screenshots: string[] = [];

/**
 * Screenshots of the page as it is now at phone and desktop width (full page), then back to the width it had.
 * Resizing does not reload, so a page that answered a form post is captured as it is.
 */
export async function snap(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? PHONE;
  const n = String(++shot).padStart(2, '0');
  for (const [label, size] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize({ ...size });
    const file = join(SCREENSHOT_DIR, `${n}-${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
    screenshots.push(file);
  }
  await page.setViewportSize(before);
}
