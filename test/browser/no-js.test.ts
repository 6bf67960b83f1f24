// Flows 1 and 2 of issue 9 with JavaScript disabled: the forms are real forms (POST, then 303),
// "Add line" and "New item…" work through the server, the PDF downloads through a plain link.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWorld, type World } from '../support/invoice-world.js';
import { apiOk, describeBrowser, expectNoPageProblems, signedInPage, startHarness, textOf, worldNames, type Harness, type OpenedPage } from './support/harness.js';
import { button, createDraftWithThreeLines, downloadPdf, expectStatus, pressAction } from './support/flows.js';

let h: Harness;
let w: World;
let s: OpenedPage;
let names: { client: string; vat: string };
let made: { id: number } | undefined;

describeBrowser('flows 1 and 2 with JavaScript disabled', () => {
  beforeAll(async () => {
    h = await startHarness();
    w = await buildWorld(h.t);
    names = await worldNames(h.t, w);
    s = await signedInPage(h, { javaScriptEnabled: false });
  });
  afterAll(async () => {
    await s?.context.close();
    await h?.close();
  });

  it('1 (no JS): creates a draft with three lines (one item created inline), saves it and downloads its PDF', async () => {
    const { page } = s;
    made = await createDraftWithThreeLines(page, { client: names.client, vat: names.vat, newItem: { name: 'No-JS Gizmo', sku: 'NOJS-1', price: '45.50' }, javaScript: false });
    await expectStatus(page, 'Draft');
    expect(await textOf(page.getByRole('main'))).toContain('308.60');
    await downloadPdf(page);
    const stored = await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/${made.id}`);
    expect(stored.invoiceLines).toHaveLength(3);
    expect(stored.cost).toBe(308.6);
    expectNoPageProblems(s.guard);
  });

  it('2 (no JS): marks it sent, then paid', async () => {
    expect(made, 'flow 1 made the invoice').toBeDefined();
    const { page } = s;
    await page.goto(`/app/invoices/${made!.id}`);
    await pressAction(page, 'Mark as sent', 'Sent');
    await pressAction(page, 'Mark as paid', 'Paid');
    expect(await button(page, 'Mark as paid').count()).toBe(0);
    expect((await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/${made!.id}`)).status.id).toBe(4);
    expectNoPageProblems(s.guard);
  });
});
