// Screen 3: an invoice's details — the next action by status (each button posts and the status
// changes), the body rendered from the same InvoiceDocument as the PDF, delete confirmation
// naming the number (and a refused delete saying why), the PDF download and the e-invoice refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/domain/shared/locale-number.js';
import { authenticate } from '../../src/use-cases/auth/authenticate.js';
import { getInvoiceDocument } from '../../src/use-cases/documents/invoice-document.js';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { adminWebSession, pageText as text, WebSession } from '../support/web.js';

let t: TestApp;
let w: World;
let s: WebSession;

async function invoice(over: Record<string, unknown> = {}): Promise<{ id: number; number: string }> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over) });
  expect(r.status, r.raw).toBe(201);
  return { id: r.response.id, number: r.response.number };
}
const statusOf = async (id: number) => (await call(t, 'GET', `/api/2.0/crm/invoice/${id}`)).response.status.id as number;
const buttons = (html: string) => [...html.matchAll(/<button type="submit" class="button-primary">([^<]+)<\/button>/g)].map((m) => m[1]!);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await adminWebSession(t.app);
});
afterAll(async () => t.close());

describe('invoice details', () => {
  it('shows the number, the status, the actions and the document body with the PDF’s totals', async () => {
    const inv = await invoice({
      purchaseOrderNumber: 'PO-4711',
      description: 'Thanks for your business',
      consigneeId: w.consigneeId,
      billingAddressID: w.billingAddressId,
      deliveryAddressID: w.consigneeDeliveryAddressId,
      invoiceLines: [
        { invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, quantity: 2, price: 100, discount: 10, description: 'Workshop' },
        { invoiceItemID: w.item2Id, invoiceTax1ID: w.vatId, invoiceTax2ID: w.reducedTaxId, quantity: 3, price: '7.70', discount: 0 },
      ],
    });
    const res = await s.get(`/app/invoices/${inv.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<h1>Invoice ${inv.number}</h1>`);
    expect(res.body).toContain('<span class="badge badge-draft">Draft</span>');
    expect(buttons(res.body)).toEqual(['Mark as sent']);
    expect(res.body).toContain(`<a class="button button-secondary" href="/app/invoices/${inv.id}/edit">Edit</a>`);
    expect(res.body).toContain(`href="/app/invoices/${inv.id}/duplicate">Duplicate</a>`);
    expect(res.body).toContain(`href="/app/invoices/${inv.id}/delete">Delete</a>`);
    for (const [path, name] of [
      ['pdf', 'Download PDF'],
      ['einvoice/ubl', 'Download UBL'],
      ['einvoice/cii', 'Download CII'],
      ['einvoice/xrechnung-ubl', 'Download XRechnung (UBL)'],
      ['einvoice/xrechnung-cii', 'Download XRechnung (CII)'],
      ['einvoice/facturx', 'Download Factur-X'],
    ]) expect(res.body).toContain(`<a href="/app/invoices/${inv.id}/${path}">${name}</a>`);

    const body = text(res.body);
    expect(body).toContain('Bill to');
    expect(body).toContain('1 Main St');
    expect(body).toContain('Ship to');
    expect(body).toContain('2 Harbour Way');
    expect(body).toContain('PO-4711');
    expect(body).toContain('Thanks for your business');
    expect(body).toContain('Net 30');
    expect(body).toContain('Workshop');
    // The totals are the InvoiceDocument's — the very numbers the PDF prints.
    const doc = await getInvoiceDocument(t.deps, await authenticate(t.deps, undefined, t.adminToken), inv.id);
    const eur = (v: { value: { toFixed(n: number): string } }) => formatMoney(v.value.toFixed(2), 'EUR', 'en-US');
    expect(body).toContain(`Subtotal ${eur(doc.subtotal)}`);
    expect(body).toContain(`Total ${eur(doc.total)}`);
    expect(doc.taxes.length).toBe(2);
    for (const tax of doc.taxes) expect(body).toContain(`${tax.name} (${tax.rate.value.toString()} %) ${eur(tax.amount)}`);
    expect(eur(doc.subtotal)).toBe('€203.10');
    expect(body).toContain('€203.10');
  });

  it('walks the status machine with its buttons: each posts and the status changes', async () => {
    const inv = await invoice();
    const steps: [string, string, number, string[]][] = [
      ['sent', 'Sent', 2, ['Mark as paid', 'Mark as rejected']],
      ['paid', 'Paid', 4, ['Reopen']],
      ['sent', 'Sent', 2, ['Mark as paid', 'Mark as rejected']],
      ['rejected', 'Rejected', 3, ['Back to draft']],
      ['draft', 'Draft', 1, ['Mark as sent']],
    ];
    await s.get(`/app/invoices/${inv.id}`);
    for (const [target, badge, wire, next] of steps) {
      const res = await s.post(`/app/invoices/${inv.id}/status`, { status: target });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/app/invoices/${inv.id}`);
      expect(await statusOf(inv.id)).toBe(wire);
      const page = await s.follow(res);
      expect(page.body).toContain(`class="badge badge-${target}">${badge}</span>`);
      expect(buttons(page.body)).toEqual(next);
      expect(text(page.body)).toContain(`${inv.number} is now ${badge.toLowerCase()}.`);
    }
    // Edit is offered on drafts only.
    await s.post(`/app/invoices/${inv.id}/status`, { status: 'sent' });
    const sent = await s.get(`/app/invoices/${inv.id}`);
    expect(sent.body).not.toContain(`/app/invoices/${inv.id}/edit`);
  });

  it('says why a stale action did nothing', async () => {
    const inv = await invoice();
    await s.get(`/app/invoices/${inv.id}`);
    const res = await s.post(`/app/invoices/${inv.id}/status`, { status: 'paid' });
    const page = await s.follow(res);
    expect(text(page.body)).toContain(`${inv.number}: a Draft invoice cannot become Paid`);
    expect(await statusOf(inv.id)).toBe(1);
    expect((await s.post('/app/invoices/99999/status', { status: 'sent' })).status).toBe(404);
  });

  it('shows Overdue once a sent invoice is past due (tenant calendar, test clock)', async () => {
    const inv = await invoice({ issueDate: '2026-01-01', dueDate: '2026-01-14' });
    await call(t, 'PUT', '/api/2.0/crm/invoice/status/sent', { json: { invoiceids: [inv.id] } });
    const page = await s.get(`/app/invoices/${inv.id}`);
    expect(page.body).toContain('<span class="badge badge-overdue">Overdue</span>');
    expect(text(page.body)).toContain('overdue by 1 day');
  });

  it('confirms a delete naming the number, then deletes', async () => {
    const inv = await invoice();
    const confirm = await s.get(`/app/invoices/${inv.id}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain(`<h1>Delete invoice ${inv.number}?</h1>`);
    expect(confirm.body).toContain('>Delete invoice</button>');
    const res = await s.post(`/app/invoices/${inv.id}/delete`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app/invoices');
    const list = await s.follow(res);
    expect(text(list.body)).toContain(`Invoice ${inv.number} was deleted.`);
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`)).status).toBe(404);
    expect((await s.get(`/app/invoices/${inv.id}`)).status).toBe(404);
  });

  it('refuses a delete the user may not make, and says why', async () => {
    const inv = await invoice();
    const user = await t.createUser({ firstname: 'Nora', lastname: 'Nonadmin' });
    const other = new WebSession(t.app);
    await other.signIn(user.email, 'user-password-1');
    const details = await other.get(`/app/invoices/${inv.id}`);
    expect(details.status).toBe(200);
    expect(details.body).not.toContain(`/app/invoices/${inv.id}/delete`);
    const confirm = await other.get(`/app/invoices/${inv.id}/delete`);
    expect(confirm.status).toBe(403);
    expect(text(confirm.body)).toContain(`You may not delete ${inv.number}`);
    expect(confirm.body).not.toContain('>Delete invoice</button>');
    const res = await other.post(`/app/invoices/${inv.id}/delete`, {});
    expect(res.status).toBe(403);
    expect(text(res.body)).toContain(`You may not delete ${inv.number}`);
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`)).status).toBe(200);
  });

  it('downloads the PDF as an attachment', async () => {
    const inv = await invoice();
    const res = await t.app.inject({ method: 'GET', url: `/app/invoices/${inv.id}/pdf`, headers: { cookie: `ll_session=${s.cookies.get('ll_session')}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename=".+\.pdf"/);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('shows a page naming the missing business terms when an e-invoice cannot be made', async () => {
    const inv = await invoice();
    const res = await s.get(`/app/invoices/${inv.id}/einvoice/ubl`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(`The e-invoice of ${inv.number} cannot be made yet`);
    expect(res.body).toMatch(/<li>BT-\d+ [^<]+<\/li>/);
    expect(res.body).toContain(`href="/app/invoices/${inv.id}"`);
    expect((await s.get(`/app/invoices/${inv.id}/einvoice/docx`)).status).toBe(404);
  });

  it('answers 404 pages for unknown invoices', async () => {
    for (const url of ['/app/invoices/987654', '/app/invoices/987654/delete', '/app/invoices/987654/pdf', '/app/invoices/987654/einvoice/ubl']) {
      const res = await s.get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
  });

  it('prints on A4 without navigation or actions', async () => {
    const inv = await invoice();
    const page = await s.get(`/app/invoices/${inv.id}`);
    expect(page.body).toContain('<section class="invoice-actions no-print"');
    const href = /href="(\/app\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(page.body)![1]!;
    const css = (await s.get(href)).body;
    const print = css.slice(css.indexOf('/* ===== screens: invoices list, details, client page')).match(/@media print \{[\s\S]*?\n\}/)?.[0] ?? '';
    expect(print).toContain('@page { size: A4;');
    expect(print).toMatch(/\.invoice-actions[^{]*\{ display: none !important; \}/);
    // The shell hides the header and everything marked no-print.
    expect(css).toMatch(/@media print \{\s*\.site-header, \.skip-link, \.no-print \{ display: none !important; \}/);
  });

  it('speaks Russian with ru-RU money, and has no inline scripts or styles', async () => {
    const inv = await invoice({ invoiceLines: [{ invoiceItemID: w.itemId, quantity: 1, price: '1234.50', discount: 0 }], currency: 'rub' });
    const ru = await adminWebSession(t.app, 'ru');
    const res = await ru.get(`/app/invoices/${inv.id}`);
    expect(res.body).toContain(`<h1>Счёт ${inv.number}</h1>`);
    expect(res.body).toContain('>Черновик</span>');
    expect(res.body).toContain('>Отметить как отправленный</button>');
    expect(text(res.body)).toContain('Итого 1\u00a0234,50\u00a0₽');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.body).not.toMatch(/\sstyle=/);
    expect(res.body.match(/<h1>/g)).toHaveLength(1);
  });
});
