// Screen 8: a client's page — its name, its addresses and only its invoices (as bill-to contact),
// in the list's rows; a client the reader may not see is a 404 that tells nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const rowNumbers = (html: string) => [...html.matchAll(/<th scope="row" class="cell-number"[^>]*><a href="\/app\/invoices\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]!);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await adminWebSession(t.app);
});
afterAll(async () => t.close());

describe('client page', () => {
  it('shows the client, its addresses and only its invoices', async () => {
    const a = await invoice({ issueDate: '2026-01-10', dueDate: '2026-01-20' });
    const b = await invoice({ issueDate: '2026-01-12', dueDate: '2026-01-22', currency: 'usd' });
    // Billed to the consignee company: not the client's invoice (it is only its consignee in `c`).
    const c = await invoice({ consigneeId: w.contactId });
    const other = await invoice({ contactId: w.consigneeId });
    await call(t, 'PUT', '/api/2.0/crm/invoice/status/sent', { json: { invoiceids: [b.id] } });

    const res = await s.get(`/app/clients/${w.contactId}`);
    expect(res.status).toBe(200);
    const name = /<h1>([^<]+)<\/h1>/.exec(res.body)![1]!;
    expect(name).toMatch(/^ACME \d+$/);
    const body = text(res.body);
    expect(body).toContain('Billing');
    expect(body).toContain('1 Main St');
    expect(body).toContain('Delivery');
    expect(body).toContain('9 Dock Rd');
    expect(rowNumbers(res.body)).toEqual([c.number, b.number, a.number]);
    expect(rowNumbers(res.body)).not.toContain(other.number);
    expect(body).toContain('3 invoices');
    // The same rows as the list: badge, due text, money in the invoice currency.
    expect(res.body).toContain('<span class="badge badge-sent">Sent</span>');
    expect(body).toContain('due in 7 days');
    expect(body).toContain('$216.00');
    expect(res.body).toContain(`href="/app/invoices?client=${w.contactId}"`);
    expect(res.body).not.toMatch(/\sstyle=/);
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    // The list links each client to its page.
    const list = await s.get('/app/invoices');
    expect(list.body).toContain(`<a href="/app/clients/${w.contactId}">${name}</a>`);
  });

  it('answers 404 for a client the reader may not see, and for no client at all', async () => {
    const hidden = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Secret Holdings', shareType: 0 } })).response.id as number;
    const user = await t.createUser({ firstname: 'Otto', lastname: 'Outsider' });
    const outsider = new WebSession(t.app);
    await outsider.signIn(user.email, 'user-password-1');
    const res = await outsider.get(`/app/clients/${hidden}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('Secret Holdings');
    // The same answer as a client that does not exist: no leak.
    const missing = await outsider.get('/app/clients/999999');
    expect(missing.status).toBe(404);
    expect(text(missing.body)).toBe(text(res.body).replace(/value="[^"]*"/g, ''));
    // The admin sees it.
    expect((await s.get(`/app/clients/${hidden}`)).status).toBe(200);
  });

  it('speaks Russian', async () => {
    const ru = await adminWebSession(t.app, 'ru-RU');
    const res = await ru.get(`/app/clients/${w.contactId}`);
    const body = text(res.body);
    expect(body).toContain('Адреса');
    expect(body).toContain('Для счетов');
    expect(body).toContain('3 счёта');
    expect(body).toContain('216,00\u00a0$');
  });
});
