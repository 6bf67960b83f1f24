// The real-browser harness (issue 9): Debian's chromium driven by playwright-core against the app
// listening on a loopback port, in-process (createTestApp: real database, tenant 1 admin).
// Without chromium the browser suites skip locally with a message; with CI=true they fail.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { call } from '../../support/api.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../../support/test-app.js';

function findChromium(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  const path = r.stdout.trim().split('\n')[0];
  return r.status === 0 && path ? path : undefined;
}

export const CHROMIUM = findChromium();
if (!CHROMIUM) {
  // .ci/run installs Debian's chromium (.ci/system-deps.sh): there a missing browser is a failure.
  if (process.env.CI === 'true') throw new Error('chromium is required in CI for the browser tests (apt-get install -y chromium)');
  console.warn('browser tests skipped: chromium not found (apt-get install -y chromium)');
}

/** `describe` when chromium is there, `describe.skip` otherwise (never skipped under CI=true: see above). */
export const describeBrowser: typeof describe = (CHROMIUM ? describe : describe.skip) as typeof describe;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 800 } as const;
export const SCREENSHOT_DIR = join(process.cwd(), 'artifacts', 'screenshots');

export interface Harness {
  t: TestApp;
  base: string;
  browser: Browser;
  /** Where PDFs and other scratch files go (removed on close). */
  dir: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const t = await createTestApp();
  // A real browser lives in real time: the session cookie's expiry comes from the app's clock,
  // and a browser drops a cookie that expired (the test clock's default is January 2026).
  t.clock.ms = Date.now();
  t.adminToken = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD); // the first token expired with the jump
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM!, headless: true, args: CHROMIUM_ARGS });
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-browser-'));
  return {
    t,
    base: `http://127.0.0.1:${port}`,
    browser,
    dir,
    async close() {
      await browser.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Problems the page reported that fail a test: CSP violations, uncaught script errors. */
export interface PageGuard {
  problems: string[];
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  guard: PageGuard;
}

/**
 * A fresh browser context (own cookie jar) on the app. CSP stays enforced unless `bypassCSP`
 * is asked for (the axe run needs it to inject its script); console CSP errors are collected.
 */
export async function openPage(h: Harness, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await h.browser.newContext({ baseURL: h.base, viewport: DESKTOP, locale: 'en-US', acceptDownloads: true, ...options });
  const page = await context.newPage();
  const guard: PageGuard = { problems: [] };
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(text)) guard.problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (err) => guard.problems.push(`page error: ${err.message}`));
  page.setDefaultTimeout(15_000);
  return { context, page, guard };
}

export function expectNoPageProblems(guard: PageGuard): void {
  expect(guard.problems, guard.problems.join('\n')).toEqual([]);
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto('/app/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL(/\/app\/invoices/), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** A signed-in page in a fresh context. */
export async function signedInPage(h: Harness, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const opened = await openPage(h, options);
  await signIn(opened.page);
  return opened;
}

// ---------------------------------------------------------------------------------------------
// Accessibility (axe-core, wcag2a + wcag2aa), sideways scroll, screenshots.

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
function axeScript(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

export function formatViolations(screen: string, violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${JSON.stringify(n.target)}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `[${screen}] ${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.length} node(s)\n${nodes}`;
    })
    .join('\n');
}

/** Runs axe's wcag2a + wcag2aa rules on the page; the page's context must bypass CSP. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: axeScript() });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return r.violations;
  });
  return result as AxeViolation[];
}

export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const v = await axeViolations(page);
  expect(v.length, `axe wcag2a/wcag2aa violations on ${screen}:\n${formatViolations(screen, v)}`).toBe(0);
}

/** The page's width beyond the viewport (0 = no sideways scroll). */
export async function sidewaysOverflow(page: Page): Promise<{ scrollWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const widest: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && widest.length < 8) widest.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''} right=${Math.round(r.right)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, widest };
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// ---------------------------------------------------------------------------------------------
// Form helpers that work on a <select> or on a text/combobox input alike.

/** Picks `text` in a field: a <select> by the option whose label contains it, an input by typing. */
export async function choose(field: Locator, text: string): Promise<void> {
  const tag = await field.evaluate((el) => el.tagName.toLowerCase());
  if (tag === 'select') {
    const value = await field.evaluate((el, wanted) => {
      const opts = Array.from((el as HTMLSelectElement).options);
      const hit = opts.find((o) => o.label.trim() === wanted) ?? opts.find((o) => o.label.includes(wanted));
      return hit?.value;
    }, text);
    if (value === undefined) throw new Error(`no option containing "${text}" in the select`);
    await field.selectOption(value);
  } else {
    await field.fill(text);
    // A combobox may show a list box: take the matching option when one shows up.
    const list = await field.getAttribute('list');
    if (!list) {
      const option = field.page().getByRole('option', { name: text }).first();
      if (await option.isVisible().catch(() => false)) await option.click();
    }
  }
}

/** Text of a locator with spaces normalised (NBSP and narrow NBSP → space). */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// PDF text (pdftotext, poppler-utils: installed by .ci/system-deps.sh).

export const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;

// ---------------------------------------------------------------------------------------------
// Seeding through the API.

export async function apiOk(t: TestApp, method: 'POST' | 'PUT' | 'GET' | 'DELETE', url: string, json?: unknown): Promise<any> {
  const r = await call(t, method, url, json === undefined ? {} : { json });
  expect(r.status, `${method} ${url}: ${r.raw}`).toBeLessThan(300);
  return r.response;
}

/** The invoice id from a details URL /app/invoices/:id. */
export function invoiceIdOf(url: string): number {
  const m = /\/app\/invoices\/(\d+)(?:[/?#]|$)/.exec(new URL(url).pathname + '/');
  if (!m) throw new Error(`not an invoice details URL: ${url}`);
  return Number(m[1]);
}

export const WAIT_DETAILS = /\/app\/invoices\/\d+$/;

/** The display names of the invoice world's client and taxes (what the form's fields offer). */
export async function worldNames(t: TestApp, w: { contactId: number; vatId: number; reducedTaxId: number }): Promise<{ client: string; vat: string; reduced: string }> {
  const client = (await apiOk(t, 'GET', `/api/2.0/crm/contact/${w.contactId}`)).displayName as string;
  const taxes = (await apiOk(t, 'GET', '/api/2.0/crm/invoice/tax')) as { id: number; name: string }[];
  return { client, vat: taxes.find((x) => x.id === w.vatId)!.name, reduced: taxes.find((x) => x.id === w.reducedTaxId)!.name };
}
