// Flow 1 of issue 9 with the keyboard only: focus moves with Tab / Shift+Tab, text is typed,
// selects change with the arrow keys, buttons and links are pressed with Enter, disclosures open
// with Enter. No mouse click, no fill(): what a keyboard user can do, and nothing more.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWorld, type World } from '../support/invoice-world.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-app.js';
import { apiOk, describeBrowser, expectNoPageProblems, openPage, startHarness, textOf, invoiceIdOf, worldNames, type Harness, type OpenedPage } from './support/harness.js';
import { button, expectStatus, field, link, present, saved } from './support/flows.js';
import { readFileSync } from 'node:fs';

let h: Harness;
let w: World;
let s: OpenedPage;
let names: { client: string; vat: string };

const isFocused = (loc: Locator) => loc.first().evaluate((el) => el === document.activeElement).catch(() => false);

/** Moves the focus to `loc` with Tab (then Shift+Tab); fails when it cannot be reached. */
async function tabTo(page: Page, loc: Locator, what: string, max = 300): Promise<void> {
  expect(await present(loc), `${what} is on the page`).toBe(true);
  for (let i = 0; i < max; i++) {
    if (await isFocused(loc)) return;
    await page.keyboard.press('Tab');
  }
  for (let i = 0; i < max; i++) {
    if (await isFocused(loc)) return;
    await page.keyboard.press('Shift+Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160));
  throw new Error(`${what} cannot be reached with Tab / Shift+Tab (focus stays on ${focused})`);
}

async function typeInto(page: Page, loc: Locator, what: string, text: string): Promise<void> {
  await tabTo(page, loc, what);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** Picks an option with the keyboard: arrow keys in a <select>, typing in a combobox. */
async function pick(page: Page, loc: Locator, what: string, text: string): Promise<void> {
  await tabTo(page, loc, what);
  const info = await loc.first().evaluate((el, wanted) => {
    if (el.tagName !== 'SELECT') return null;
    const s = el as HTMLSelectElement;
    const opts = Array.from(s.options);
    const target = opts.findIndex((o) => o.label.trim() === wanted) >= 0 ? opts.findIndex((o) => o.label.trim() === wanted) : opts.findIndex((o) => o.label.includes(wanted));
    return { target, current: s.selectedIndex };
  }, text);
  if (info === null) {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
    const option = page.getByRole('option', { name: text }).first();
    if (await option.isVisible().catch(() => false)) {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    }
    return;
  }
  expect(info.target, `${what} offers "${text}"`).toBeGreaterThanOrEqual(0);
  const key = info.target > info.current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(info.target - info.current); i++) await page.keyboard.press(key);
  expect(await loc.first().evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.label ?? '')).toContain(text);
}

async function press(page: Page, loc: Locator, what: string): Promise<void> {
  await tabTo(page, loc, what);
  await page.keyboard.press('Enter');
}

async function ensureLinesByKeyboard(page: Page, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    if (await field(page, `Quantity, line ${i}`).count()) continue;
    await press(page, button(page, 'Add line'), '"Add line"');
    expect(await present(field(page, `Quantity, line ${i}`)), `line ${i} after "Add line"`).toBe(true);
  }
}

async function line(page: Page, n: number, v: { item: string; quantity: string; price: string; tax1?: string }): Promise<void> {
  await pick(page, field(page, `Item, line ${n}`), `Item, line ${n}`, v.item);
  await typeInto(page, field(page, `Quantity, line ${n}`), `Quantity, line ${n}`, v.quantity);
  await typeInto(page, field(page, `Price, line ${n}`), `Price, line ${n}`, v.price);
  if (v.tax1) await pick(page, field(page, `Tax 1, line ${n}`), `Tax 1, line ${n}`, v.tax1);
}

describeBrowser('flow 1 with the keyboard only', () => {
  beforeAll(async () => {
    h = await startHarness();
    w = await buildWorld(h.t);
    names = await worldNames(h.t, w);
    s = await openPage(h);
  });
  afterAll(async () => {
    await s?.context.close();
    await h?.close();
  });

  it('signs in, creates a draft with three lines (one item created inline), saves it and downloads its PDF', async () => {
    const { page } = s;
    await page.goto('/app/login');
    await typeInto(page, page.getByLabel('E-mail'), 'E-mail', ADMIN_EMAIL);
    await typeInto(page, page.getByLabel('Password'), 'Password', ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(/\/app\/invoices/), page.keyboard.press('Enter')]);

    // The skip link is the first stop and leads to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/skip/i);

    await Promise.all([page.waitForURL(/\/app\/invoices\/new/), press(page, link(page, 'New invoice'), '"New invoice"')]);
    await pick(page, field(page, 'Client'), 'Client', names.client);
    await ensureLinesByKeyboard(page, 3);
    await line(page, 1, { item: 'Consulting', quantity: '2', price: '100', tax1: names.vat });
    await line(page, 2, { item: 'Widget', quantity: '3', price: '7.70' });

    // "New item…": a disclosure opened with Enter, its fields typed, "Create item" pressed.
    await press(page, page.getByText('New item…', { exact: true }), '"New item…"');
    await typeInto(page, field(page, 'Item name'), 'Item name', 'Keyboard Gizmo');
    await typeInto(page, field(page, 'SKU'), 'SKU', 'KBD-1');
    await typeInto(page, field(page, 'Price'), 'Price', '45.50');
    await press(page, button(page, 'Create item'), '"Create item"');
    await expect.poll(async () => {
      const sel = field(page, 'Item, line 3');
      if (!(await sel.count())) return false;
      return sel.evaluate((el) => el.tagName !== 'SELECT' || Array.from((el as HTMLSelectElement).options).some((o) => o.label.includes('Keyboard Gizmo')));
    }, { timeout: 10_000, message: 'the new item is offered in line 3' }).toBe(true);
    await ensureLinesByKeyboard(page, 3);
    await line(page, 3, { item: 'Keyboard Gizmo', quantity: '1', price: '45.50' });
    await expect.poll(async () => textOf(page.locator('output[aria-live="polite"]').last()), { timeout: 10_000, message: 'live totals' }).toMatch(/Total\D*308\.60/);

    // Terms are required; a tenant without default terms leaves them empty.
    if ((await field(page, 'Terms').inputValue()).trim() === '') await typeInto(page, field(page, 'Terms'), 'Terms', 'Payable within 30 days');
    await press(page, button(page, 'Save'), '"Save"');
    await saved(page);
    const id = invoiceIdOf(page.url());
    await expectStatus(page, 'Draft');
    const main = await textOf(page.getByRole('main'));
    for (const x of ['Consulting', 'Widget', 'Keyboard Gizmo', '308.60']) expect(main).toContain(x);

    const pdfLink = link(page, 'Download PDF');
    await tabTo(page, pdfLink, '"Download PDF"');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const stored = await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/${id}`);
    expect(stored.invoiceLines).toHaveLength(3);
    expect(stored.cost).toBe(308.6);
    expectNoPageProblems(s.guard);
  });
});
