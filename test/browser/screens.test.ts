// Every screen of the web app in a real browser (issue 9 "Done when"): axe reports zero wcag2a /
// wcag2aa violations, nothing scrolls sideways at 390 px, CSP reports nothing, and screenshots at
// 1280×800 and 390×800 land in artifacts/screenshots/<screen>-<desktop|phone>.png (git-ignored).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import {
  apiOk, describeBrowser, DESKTOP, expectNoAxeViolations, expectNoPageProblems, openPage, PHONE, screenshot, sidewaysOverflow,
  signIn, startHarness, type Harness, type OpenedPage,
} from './support/harness.js';

let h: Harness;
let w: World;
let draftId: number;
let sentId: number;
/** Axe needs its script injected: this context bypasses CSP. */
let axe: OpenedPage;
/** CSP enforced: the same screens must load without a CSP report or script error. */
let strict: OpenedPage;

describeBrowser('every screen: axe wcag2a/wcag2aa, no sideways scroll at 390 px, screenshots', () => {
  beforeAll(async () => {
    h = await startHarness();
    w = await buildWorld(h.t);
    // Long names and big numbers: the phone layout must wrap them, not scroll.
    const longClient = await apiOk(h.t, 'POST', '/api/2.0/crm/contact/company', {
      companyName: 'Internationale Handelsgesellschaft für Büroausstattung und Verbrauchsmaterial mbH', shareType: 1,
    });
    const draft = await apiOk(h.t, 'POST', '/api/2.0/crm/invoice', invoiceBody(w, {
      number: 'SCR-0001-WITH-A-RATHER-LONG-NUMBER',
      contactId: longClient.id,
      purchaseOrderNumber: 'PO-2026-000000000042',
      invoiceLines: [
        { invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, invoiceTax2ID: w.reducedTaxId, quantity: '12345.5', price: '98765.43', discount: 10, description: 'A description that is long enough to need wrapping on a phone screen' },
        { invoiceItemID: w.item2Id, invoiceTax1ID: w.reducedTaxId, quantity: 3, price: '7.70' },
      ],
    }));
    draftId = draft.id;
    const sent = await apiOk(h.t, 'POST', '/api/2.0/crm/invoice', invoiceBody(w, { number: 'SCR-0002' }));
    sentId = sent.id;
    await apiOk(h.t, 'PUT', '/api/2.0/crm/invoice/status/2', { invoiceids: [sentId] });
    axe = await openPage(h, { bypassCSP: true });
    strict = await openPage(h);
  });
  afterAll(async () => {
    await axe?.context.close();
    await strict?.context.close();
    await h?.close();
  });

  /** Loads the screen in both contexts and checks it everywhere. */
  async function checkScreen(name: string, url: string, ready: (page: Page) => Promise<unknown>, act?: (page: Page) => Promise<unknown>): Promise<void> {
    // CSP enforced: no violation, no script error.
    const s = await strict.page.goto(url);
    expect(s?.status(), `${name}: GET ${url}`).toBe(200);
    expect(new URL(strict.page.url()).pathname, `${name}: not redirected`).toBe(url.split('?')[0]);
    await act?.(strict.page);
    await ready(strict.page);
    expectNoPageProblems(strict.guard);

    const page = axe.page;
    await page.setViewportSize(DESKTOP);
    const res = await page.goto(url);
    expect(res?.status(), `${name}: GET ${url}`).toBe(200);
    await act?.(page);
    await ready(page);
    await screenshot(page, `${name}-desktop`);
    await expectNoAxeViolations(page, `${name} (desktop)`);

    await page.setViewportSize(PHONE);
    await page.goto(url);
    await act?.(page);
    await ready(page);
    await screenshot(page, `${name}-phone`);
    const overflow = await sidewaysOverflow(page);
    expect(overflow.scrollWidth, `${name} scrolls sideways at 390 px; elements past the edge:\n${overflow.widest.join('\n')}`).toBeLessThanOrEqual(PHONE.width);
    await expectNoAxeViolations(page, `${name} (phone)`);
    await page.setViewportSize(DESKTOP);
  }

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).waitFor();

  it('sign-in', async () => {
    await checkScreen('sign-in', '/app/login', h1);
    // Everything after this needs the session, in both contexts.
    await signIn(axe.page);
    await signIn(strict.page);
  });

  it('invoice list', async () => {
    await checkScreen('invoices', '/app/invoices', (p) => p.getByRole('link', { name: 'New invoice' }).waitFor());
  });

  it('invoice details (draft with long values)', async () => {
    await checkScreen('invoice-details', `/app/invoices/${draftId}`, (p) => p.getByRole('heading', { level: 1, name: /SCR-0001/ }).waitFor());
  });

  it('invoice details (sent)', async () => {
    await checkScreen('invoice-details-sent', `/app/invoices/${sentId}`, (p) => p.getByRole('heading', { level: 1, name: /SCR-0002/ }).waitFor());
  });

  it('delete confirmation', async () => {
    await checkScreen('invoice-delete', `/app/invoices/${draftId}/delete`, h1);
  });

  it('new invoice form', async () => {
    await checkScreen('invoice-new', '/app/invoices/new', (p) => p.getByLabel('Client', { exact: true }).waitFor());
  });

  it('new invoice form with errors (422: error summary, invalid fields)', async () => {
    await checkScreen('invoice-new-errors', '/app/invoices/new', (p) => p.locator('.error-summary').waitFor(), async (p) => {
      await p.getByLabel('Quantity, line 1', { exact: true }).fill('1.2.3');
      await p.getByRole('button', { name: 'Save', exact: true }).click();
      await p.waitForLoadState('load');
    });
  });

  it('edit invoice form', async () => {
    await checkScreen('invoice-edit', `/app/invoices/${draftId}/edit`, (p) => p.getByLabel('Quantity, line 1').waitFor());
  });

  it('duplicate invoice form', async () => {
    await checkScreen('invoice-duplicate', `/app/invoices/${sentId}/duplicate`, (p) => p.getByLabel('Quantity, line 1').waitFor());
  });

  it('items (products & services)', async () => {
    await checkScreen('items', '/app/items', (p) => p.getByRole('link', { name: 'New item' }).waitFor());
  });

  it('item form', async () => {
    await checkScreen('item-new', '/app/items/new', (p) => p.getByLabel('Name', { exact: true }).waitFor());
    await checkScreen('item-edit', `/app/items/${w.itemId}/edit`, (p) => p.getByLabel('Name', { exact: true }).waitFor());
  });

  it('taxes', async () => {
    await checkScreen('taxes', '/app/taxes', (p) => p.getByRole('link', { name: 'New tax' }).waitFor());
  });

  it('tax form', async () => {
    await checkScreen('tax-new', '/app/taxes/new', (p) => p.getByLabel('Rate %').waitFor());
    await checkScreen('tax-edit', `/app/taxes/${w.vatId}/edit`, (p) => p.getByLabel('Rate %').waitFor());
  });

  it('settings', async () => {
    await checkScreen('settings', '/app/settings', (p) => p.getByRole('heading', { name: 'Numbering' }).waitFor());
  });

  it('client page', async () => {
    await checkScreen('client', `/app/clients/${w.contactId}`, h1);
  });
});
