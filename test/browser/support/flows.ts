// The steps of issue 9's browser flows, written once and run with the mouse, with JavaScript
// disabled, and (in keyboard.test.ts) with the keyboard only. Elements are located by role and
// label: the visible names agreed in the URL map (English UI).
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { choose, screenshot, textOf, WAIT_DETAILS, invoiceIdOf } from './harness.js';

export const field = (page: Page, label: string): Locator => page.getByLabel(label, { exact: true });
export const button = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });
export const link = (page: Page, name: string): Locator => page.getByRole('link', { name, exact: true });

/** Waits until the locator exists (attached); counts only, never throws on zero first. */
export async function present(locator: Locator, timeout = 10_000): Promise<boolean> {
  try {
    await locator.first().waitFor({ state: 'attached', timeout });
    return true;
  } catch {
    return false;
  }
}

/** Clicks "Add line" until the form has `n` lines (with JS the island adds one; without, the server). */
export async function ensureLines(page: Page, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const q = field(page, `Quantity, line ${i}`);
    if (await q.count()) continue;
    await button(page, 'Add line').click();
    expect(await present(q), `"Quantity, line ${i}" after pressing "Add line"`).toBe(true);
  }
}

export async function fillLine(page: Page, n: number, line: { item?: string; description?: string; quantity?: string; price?: string; discount?: string; tax1?: string; tax2?: string }): Promise<void> {
  if (line.item !== undefined) await choose(field(page, `Item, line ${n}`), line.item);
  if (line.description !== undefined) await field(page, `Description, line ${n}`).fill(line.description);
  if (line.quantity !== undefined) await field(page, `Quantity, line ${n}`).fill(line.quantity);
  if (line.price !== undefined) await field(page, `Price, line ${n}`).fill(line.price);
  if (line.discount !== undefined) await field(page, `Discount %, line ${n}`).fill(line.discount);
  if (line.tax1 !== undefined) await choose(field(page, `Tax 1, line ${n}`), line.tax1);
  if (line.tax2 !== undefined) await choose(field(page, `Tax 2, line ${n}`), line.tax2);
}

/** Opens the "New item…" disclosure of the form and creates an item there. */
export async function createItemInline(page: Page, item: { name: string; sku: string; price: string }): Promise<void> {
  await page.getByText('New item…', { exact: true }).click();
  await field(page, 'Item name').fill(item.name);
  await field(page, 'SKU').fill(item.sku);
  await field(page, 'Price').fill(item.price);
  await button(page, 'Create item').click();
  // The new item can be picked in a line (with JS at once; without, after the form comes back).
  await expect.poll(async () => {
    const sel = field(page, 'Item, line 1');
    if (!(await sel.count())) return false;
    const tag = await sel.evaluate((el) => el.tagName.toLowerCase());
    if (tag !== 'select') return true;
    return sel.evaluate((el, name) => Array.from((el as HTMLSelectElement).options).some((o) => o.label.includes(name)), item.name);
  }, { timeout: 10_000, message: `the inline-created item "${item.name}" is offered in the line's item field` }).toBe(true);
}

/** Terms are required; a tenant without default terms leaves the field empty. */
export async function fillTermsIfEmpty(page: Page, terms = 'Payable within 30 days'): Promise<void> {
  const f = field(page, 'Terms');
  if ((await f.inputValue()).trim() === '') await f.fill(terms);
}

export async function save(page: Page): Promise<{ id: number; heading: string }> {
  await button(page, 'Save').click();
  await saved(page);
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return { id: invoiceIdOf(page.url()), heading: await textOf(h1) };
}

/** Waits for the details page after a save; when the form comes back instead, fails with its errors. */
export async function saved(page: Page): Promise<void> {
  try {
    await page.waitForURL(WAIT_DETAILS, { timeout: 10_000 });
  } catch {
    const summary = await page.locator('.error-summary').textContent().catch(() => null);
    const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => `${e.id}=${(e as HTMLInputElement).value}`));
    await screenshot(page, 'failed-save');
    throw new Error(`the form did not save (still at ${page.url()}): ${summary ?? 'no error summary'}; invalid fields: ${invalid.join(', ') || 'none'} (artifacts/screenshots/failed-save.png)`);
  }
}

/** The status badge shows `status` (text, not colour). */
export async function expectStatus(page: Page, status: string): Promise<void> {
  await expect.poll(async () => page.getByText(status, { exact: true }).first().isVisible(), { timeout: 10_000, message: `status badge "${status}"` }).toBe(true);
}

export async function pressAction(page: Page, name: string, status: string): Promise<void> {
  await button(page, name).click();
  await page.waitForLoadState('load');
  await expectStatus(page, status);
}

/** Downloads the invoice PDF through its link; returns the bytes (checked to be a PDF). */
export async function downloadPdf(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), link(page, 'Download PDF').click()]);
  const path = await download.path();
  const bytes = readFileSync(path!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(download.suggestedFilename()).toMatch(/\.pdf$/i);
  return bytes;
}

export interface FlowNames {
  client: string;
  vat: string;
  newItem: { name: string; sku: string; price: string };
  /** Whether the page runs JavaScript (the island), else "Recalculate" shows the totals. */
  javaScript: boolean;
}

/**
 * Flow 1: a draft with three lines, one of them an item created inline through "New item…";
 * saved (303 to the details page). Lines: 2 × 100.00 + VAT 20 %, 3 × 7.70, 1 × new item's price.
 */
export async function createDraftWithThreeLines(page: Page, names: FlowNames): Promise<{ id: number; heading: string }> {
  await page.goto('/app/invoices');
  await link(page, 'New invoice').click();
  await field(page, 'Client').waitFor();
  await choose(field(page, 'Client'), names.client);
  await ensureLines(page, 3);
  await fillLine(page, 1, { item: 'Consulting', quantity: '2', price: '100', tax1: names.vat });
  await fillLine(page, 2, { item: 'Widget', quantity: '3', price: '7.70' });
  await createItemInline(page, names.newItem);
  // Creating the item kept what was typed so far (no lost edits), with JS or without.
  await ensureLines(page, 3);
  expect(await field(page, 'Quantity, line 2').inputValue()).toBe('3');
  expect(await field(page, 'Price, line 2').inputValue()).toMatch(/^7[.,]70?$/);
  await fillLine(page, 3, { item: names.newItem.name, quantity: '1', price: names.newItem.price });
  // The totals before saving: live from the island with JavaScript, from "Recalculate" without.
  if (!names.javaScript) {
    await button(page, 'Recalculate').click();
    await page.waitForLoadState('load');
  }
  await expect.poll(async () => textOf(page.locator('output[aria-live="polite"]').last()), { timeout: 10_000, message: 'the totals output' })
    .toMatch(/Total\D*308\.60/);
  await fillTermsIfEmpty(page);
  const saved = await save(page);
  const main = await textOf(page.getByRole('main'));
  for (const s of ['Consulting', 'Widget', names.newItem.name]) expect(main, `details show the line "${s}"`).toContain(s);
  return saved;
}
