// Issue 9's six browser flows in a real browser (English UI, CSP enforced, JavaScript on):
// 1 create a draft with three lines (one item created inline), save, download its PDF;
// 2 mark it sent, then paid; 3 reject, back to draft, edit, send again; 4 duplicate an invoice;
// 5 filter the list to Overdue and bulk-mark two as paid, with a summary of what was skipped;
// 6 create an item and a tax and use them on an invoice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import {
  apiOk, choose, describeBrowser, expectNoPageProblems, signedInPage, startHarness, textOf, WAIT_DETAILS, worldNames, type Harness, type OpenedPage,
} from './support/harness.js';
import {
  button, createDraftWithThreeLines, downloadPdf, ensureLines, expectStatus, field, fillLine, fillTermsIfEmpty, link, pressAction, save,
} from './support/flows.js';

let h: Harness;
let w: World;
let s: OpenedPage;
let clientName: string;
let vatName: string;
let flow1: { id: number; heading: string } | undefined;

describeBrowser('the six flows (mouse, JavaScript on, CSP enforced)', () => {
  beforeAll(async () => {
    h = await startHarness();
    w = await buildWorld(h.t);
    ({ client: clientName, vat: vatName } = await worldNames(h.t, w));
    s = await signedInPage(h);
  });
  afterAll(async () => {
    await s?.context.close();
    await h?.close();
  });

  it('1: creates a draft with three lines (one item created inline), saves it and downloads its PDF', async () => {
    const { page } = s;
    flow1 = await createDraftWithThreeLines(page, { client: clientName, vat: vatName, newItem: { name: 'Inline Gizmo', sku: 'GIZ-1', price: '45.50' }, javaScript: true });
    await expectStatus(page, 'Draft');
    const main = await textOf(page.getByRole('main'));
    expect(main).toContain('308.60'); // 200.00 + 40.00 VAT + 23.10 + 45.50
    const pdf = await downloadPdf(page);
    expect(pdf.length).toBeGreaterThan(1000);
    expectNoPageProblems(s.guard);
  });

  it('2: marks it sent, then paid', async () => {
    expect(flow1, 'flow 1 made the invoice').toBeDefined();
    const { page } = s;
    await page.goto(`/app/invoices/${flow1!.id}`);
    await pressAction(page, 'Mark as sent', 'Sent');
    await pressAction(page, 'Mark as paid', 'Paid');
    expect(await button(page, 'Mark as sent').count()).toBe(0);
    const stored = await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/${flow1!.id}`);
    expect(stored.status.id).toBe(4); // Paid
    expectNoPageProblems(s.guard);
  });

  it('3: rejects a sent invoice, takes it back to draft, edits it and sends it again', async () => {
    const { page } = s;
    const inv = await apiOk(h.t, 'POST', '/api/2.0/crm/invoice', invoiceBody(w, { number: 'FLOW3-1', dueDate: '2030-12-31' }));
    await apiOk(h.t, 'PUT', '/api/2.0/crm/invoice/status/2', { invoiceids: [inv.id] });
    await page.goto(`/app/invoices/${inv.id}`);
    await expectStatus(page, 'Sent');
    expect(await link(page, 'Edit').count(), 'no Edit on an issued invoice').toBe(0);
    await pressAction(page, 'Mark as rejected', 'Rejected');
    await pressAction(page, 'Back to draft', 'Draft');
    await link(page, 'Edit').click();
    await field(page, 'Quantity, line 1').waitFor();
    await field(page, 'Quantity, line 1').fill('5');
    await field(page, 'Notes').fill('Five days, as agreed');
    const saved = await save(page);
    expect(saved.id).toBe(inv.id);
    expect(saved.heading).toContain('FLOW3-1');
    const main = await textOf(page.getByRole('main'));
    expect(main).toContain('540.00'); // 5 × 100 − 10 % = 450.00 + 20 % VAT
    await pressAction(page, 'Mark as sent', 'Sent');
    const stored = await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/${inv.id}`);
    expect(stored.status.id).toBe(2);
    expect(Number(stored.invoiceLines[0].quantity)).toBe(5);
    expectNoPageProblems(s.guard);
  });

  it('4: duplicates an invoice into a new draft with the same lines', async () => {
    const { page } = s;
    const inv = await apiOk(h.t, 'POST', '/api/2.0/crm/invoice', invoiceBody(w, {
      number: 'FLOW4-1',
      invoiceLines: [
        { invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, quantity: 2, price: 100, discount: 10 },
        { invoiceItemID: w.item2Id, invoiceTax1ID: w.reducedTaxId, quantity: 3, price: '7.70' },
      ],
    }));
    await page.goto(`/app/invoices/${inv.id}`);
    await link(page, 'Duplicate').click();
    await page.waitForURL(/\/app\/invoices\/\d+\/duplicate/);
    expect(await field(page, 'Quantity, line 1').inputValue()).toMatch(/^2([.,]00?)?$/);
    expect(await field(page, 'Quantity, line 2').inputValue()).toMatch(/^3([.,]00?)?$/);
    expect(await field(page, 'Number').inputValue()).not.toBe('FLOW4-1');
    const saved = await save(page);
    expect(saved.id).not.toBe(inv.id);
    expect(saved.heading).not.toContain('FLOW4-1');
    await expectStatus(page, 'Draft');
    const copy = await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/${saved.id}`);
    const original = await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/${inv.id}`);
    const lines = (x: any) => x.invoiceLines.map((l: any) => [l.invoiceItemID, Number(l.quantity), Number(l.price), Number(l.discount), l.invoiceTax1ID]);
    expect(lines(copy)).toEqual(lines(original));
    expect(copy.contact.id).toBe(original.contact.id);
    expectNoPageProblems(s.guard);
  });

  it('5: filters the list to Overdue and bulk-marks two as paid, with a summary of what was skipped', async () => {
    const { page } = s;
    const mk = async (number: string, dueDate: string, send: boolean) => {
      const inv = await apiOk(h.t, 'POST', '/api/2.0/crm/invoice', invoiceBody(w, { number, issueDate: '2025-11-01', dueDate }));
      if (send) await apiOk(h.t, 'PUT', '/api/2.0/crm/invoice/status/2', { invoiceids: [inv.id] });
      return inv.id as number;
    };
    await mk('OVD-A', '2025-12-01', true);
    await mk('OVD-B', '2025-12-05', true);
    await mk('OVD-C', '2025-12-10', true);
    await mk('NOTDUE-D', '2030-01-01', true);
    await mk('DRAFT-E', '2025-12-01', false);

    await page.goto('/app/invoices');
    await link(page, 'Overdue').click();
    await page.waitForURL(/status=overdue/);
    expect(await link(page, 'Overdue').getAttribute('aria-current')).toBeTruthy();
    const main = await textOf(page.getByRole('main'));
    for (const n of ['OVD-A', 'OVD-B', 'OVD-C']) expect(main, `${n} is overdue`).toContain(n);
    for (const n of ['NOTDUE-D', 'DRAFT-E']) expect(main, `${n} is not overdue`).not.toContain(n);

    await page.getByLabel('Select OVD-A', { exact: true }).check();
    await page.getByLabel('Select OVD-B', { exact: true }).check();
    await choose(page.getByLabel('Change status of selected'), 'Paid');
    await button(page, 'Apply').click();
    await page.waitForLoadState('load');
    await expect.poll(async () => textOf(page.getByRole('main')), { timeout: 10_000 }).toMatch(/2 marked as paid/);

    // Still on the overdue filter (or back to it): only OVD-C is left overdue.
    await page.goto('/app/invoices?status=overdue');
    const after = await textOf(page.getByRole('main'));
    expect(after).toContain('OVD-C');
    expect(after).not.toContain('OVD-A');

    // A selection with a draft in it: the draft is skipped and named in the summary.
    await page.goto('/app/invoices?status=all');
    await page.getByLabel('Select OVD-C', { exact: true }).check();
    await page.getByLabel('Select DRAFT-E', { exact: true }).check();
    await choose(page.getByLabel('Change status of selected'), 'Paid');
    await button(page, 'Apply').click();
    await page.waitForLoadState('load');
    const summary = await textOf(page.getByRole('main'));
    expect(summary).toMatch(/1 marked as paid/);
    // The skipped one is named, with the reason.
    expect(summary).toMatch(/1 skipped:?.*DRAFT-E.*cannot become paid/i);
    for (const [n, status] of [['OVD-A', 4], ['OVD-B', 4], ['OVD-C', 4], ['DRAFT-E', 1]] as const) {
      const found = await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/bynumber?number=${n}`);
      expect(found.status.id, n).toBe(status);
    }
    expectNoPageProblems(s.guard);
  });

  it('6: creates an item and a tax and uses them on an invoice', async () => {
    const { page } = s;
    await page.goto('/app/items');
    await link(page, 'New item').click();
    await field(page, 'Name').fill('Flow Six Gadget');
    await field(page, 'SKU').fill('F6-GADGET');
    await field(page, 'Price').fill('12.50');
    await button(page, 'Save').click();
    await page.waitForURL(/\/app\/items(\?|$)/);
    expect(await textOf(page.getByRole('main'))).toContain('Flow Six Gadget');

    await link(page, 'Taxes').click();
    await link(page, 'New tax').click();
    await field(page, 'Name').fill('Flow Six Levy');
    await field(page, 'Rate %').fill('5');
    await button(page, 'Save').click();
    await page.waitForURL(/\/app\/taxes(\?|$)/);
    expect(await textOf(page.getByRole('main'))).toContain('Flow Six Levy');

    await link(page, 'Invoices').click();
    await link(page, 'New invoice').click();
    await choose(field(page, 'Client'), clientName);
    await ensureLines(page, 1);
    await fillLine(page, 1, { item: 'Flow Six Gadget', quantity: '2', price: '12.50', tax1: 'Flow Six Levy' });
    await fillTermsIfEmpty(page);
    const saved = await save(page);
    expect(page.url()).toMatch(WAIT_DETAILS);
    const main = await textOf(page.getByRole('main'));
    expect(main).toContain('Flow Six Gadget');
    expect(main).toContain('Flow Six Levy');
    expect(main).toContain('26.25'); // 25.00 + 5 %
    const stored = await apiOk(h.t, 'GET', `/api/2.0/crm/invoice/${saved.id}`);
    expect(stored.invoiceLines).toHaveLength(1);
    expectNoPageProblems(s.guard);
  });
});
