// Screen 2: the invoice list — filters, Overdue derived with the test clock, search, paging of 25
// with the total, the bulk status change with a summary of what was skipped, empty states,
// Russian texts and ru-RU money, no inline scripts or styles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { adminWebSession, pageText as text, WebSession } from '../support/web.js';

let t: TestApp;
let w: World;
let s: WebSession;

interface Made {
  id: number;
  number: string;
}

async function invoice(over: Record<string, unknown> = {}): Promise<Made> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over) });
  expect(r.status, r.raw).toBe(201);
  return { id: r.response.id, number: r.response.number };
}

async function setStatus(ids: number[], status: 'sent' | 'paid' | 'rejected' | 'draft' | 'archived'): Promise<void> {
  const r = await call(t, 'PUT', `/api/2.0/crm/invoice/status/${status}`, { json: { invoiceids: ids } });
  expect(r.status, r.raw).toBe(200);
}

/** The invoice numbers of the list's rows, in order. */
const rowNumbers = (html: string) => [...html.matchAll(/<th scope="row" class="cell-number"[^>]*><a href="\/app\/invoices\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]!);
/** The page's text, tags removed and spaces collapsed (non-breaking spaces kept). */
/** The text of the row of one invoice. */
const rowText = (html: string, number: string) => {
  const rows = html.split('<tr class="invoice-row');
  return text(rows.find((r) => r.includes(`>${number}</a>`)) ?? '');
};

const created = {} as Record<'overdue' | 'dueToday' | 'dueSoon' | 'paid' | 'draft' | 'usd', Made>;

beforeAll(async () => {
  t = await createTestApp();
  s = await adminWebSession(t.app);
});
afterAll(async () => t.close());

describe('invoice list', () => {
  it('invites to write the first invoice when there is none', async () => {
    const res = await s.get('/app/invoices');
    expect(res.status).toBe(200);
    expect(res.body).toContain('No invoices yet');
    // One call to action, not two links of the same name.
    expect(res.body.match(/href="\/app\/invoices\/new"/g)).toHaveLength(1);
    expect(text(res.body)).toContain('New invoice');
  });

  it('shows 25 per page with the total and previous/next links', async () => {
    w = await buildWorld(t);
    // Today is 2026-01-15 (the test clock, tenant time zone UTC).
    created.overdue = await invoice({ issueDate: '2026-01-01', dueDate: '2026-01-12', description: 'Hosting for December' });
    created.dueToday = await invoice({ issueDate: '2026-01-02', dueDate: '2026-01-15' });
    created.dueSoon = await invoice({ issueDate: '2026-01-03', dueDate: '2026-01-20', purchaseOrderNumber: 'PO-77' });
    created.paid = await invoice({ issueDate: '2026-01-04', dueDate: '2026-01-05' });
    created.draft = await invoice({ issueDate: '2026-01-05', dueDate: '2026-01-06' });
    created.usd = await invoice({ issueDate: '2026-01-06', currency: 'usd' });
    await setStatus([created.overdue.id, created.dueToday.id, created.dueSoon.id, created.paid.id], 'sent');
    await setStatus([created.paid.id], 'paid');
    for (let i = 0; i < 24; i++) await invoice({ issueDate: '2025-12-01', dueDate: '2025-12-31' });

    const first = await s.get('/app/invoices');
    expect(first.status).toBe(200);
    expect(rowNumbers(first.body)).toHaveLength(25);
    expect(text(first.body)).toContain('1–25 of 30');
    expect(first.body).toContain('>Next page</a>');
    expect(first.body).not.toContain('>Previous page</a>');
    // Newest issue date first by default.
    expect(rowNumbers(first.body)[0]).toBe(created.usd.number);

    const second = await s.get('/app/invoices?page=2');
    expect(rowNumbers(second.body)).toHaveLength(5);
    expect(text(second.body)).toContain('26–30 of 30');
    expect(second.body).toContain('>Previous page</a>');
    expect(second.body).not.toContain('>Next page</a>');
    // Every row number is unique across the pages.
    expect(new Set([...rowNumbers(first.body), ...rowNumbers(second.body)]).size).toBe(30);

    // A page past the end shows the last page.
    const past = await s.get('/app/invoices?page=9');
    expect(text(past.body)).toContain('26–30 of 30');
  });

  it('filters by status chip (aria-current on the active one) and derives Overdue from the clock', async () => {
    const sent = await s.get('/app/invoices?status=sent');
    expect(sent.body).toMatch(/<a class="chip" href="\/app\/invoices\?status=sent" aria-current="page">Sent<\/a>/);
    expect(sent.body).toMatch(/<a class="chip" href="\/app\/invoices">All<\/a>/);
    expect(rowNumbers(sent.body).sort()).toEqual([created.overdue.number, created.dueToday.number, created.dueSoon.number].sort());
    expect(rowText(sent.body, created.overdue.number)).toContain('Overdue');
    expect(rowText(sent.body, created.overdue.number)).toContain('overdue by 3 days');
    expect(rowText(sent.body, created.dueToday.number)).toContain('due today');
    expect(rowText(sent.body, created.dueToday.number)).toContain('Sent');
    expect(rowText(sent.body, created.dueSoon.number)).toContain('due in 5 days');

    const overdue = await s.get('/app/invoices?status=overdue');
    expect(rowNumbers(overdue.body)).toEqual([created.overdue.number]);
    expect(overdue.body).toContain('aria-current="page">Overdue</a>');

    // One day later the invoice due today is overdue by 1 day (singular), the other by 4.
    t.clock.advance(86_400_000);
    try {
      const later = await s.get('/app/invoices?status=overdue&sort=number&dir=asc');
      expect(rowNumbers(later.body)).toEqual([created.overdue.number, created.dueToday.number]);
      expect(rowText(later.body, created.dueToday.number)).toContain('overdue by 1 day');
      expect(rowText(later.body, created.overdue.number)).toContain('overdue by 4 days');
    } finally {
      t.clock.advance(-86_400_000);
    }

    const paid = await s.get('/app/invoices?status=paid');
    expect(rowNumbers(paid.body)).toEqual([created.paid.number]);
    expect(rowText(paid.body, created.paid.number)).toContain('Paid');
    expect(rowText(paid.body, created.paid.number)).not.toContain('overdue');
    const drafts = await s.get('/app/invoices?status=draft');
    expect(rowNumbers(drafts.body)).toHaveLength(25);
    expect(text(drafts.body)).toContain('1–25 of 26');
  });

  it('searches numbers and descriptions, and filters by dates, client and currency', async () => {
    const byWord = await s.get('/app/invoices?q=host');
    expect(rowNumbers(byWord.body)).toEqual([created.overdue.number]);
    const byNumber = await s.get(`/app/invoices?q=${encodeURIComponent(created.dueSoon.number)}`);
    expect(rowNumbers(byNumber.body)).toEqual([created.dueSoon.number]);
    expect(byNumber.body).toContain(`value="${created.dueSoon.number}"`);

    const range = await s.get('/app/invoices?from=2026-01-02&to=2026-01-04&sort=issueDate&dir=asc');
    expect(rowNumbers(range.body)).toEqual([created.dueToday.number, created.dueSoon.number, created.paid.number]);

    const usd = await s.get('/app/invoices?currency=usd');
    expect(rowNumbers(usd.body)).toEqual([created.usd.number]);
    expect(rowText(usd.body, created.usd.number)).toContain('$');

    const other = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Other Client Ltd', shareType: 1 } })).response.id as number;
    const theirs = await invoice({ contactId: other, issueDate: '2025-11-01', dueDate: '2025-11-30' });
    const byClient = await s.get(`/app/invoices?client=${other}`);
    expect(rowNumbers(byClient.body)).toEqual([theirs.number]);
    expect(byClient.body).toMatch(new RegExp(`<option value="${other}" selected[^>]*>Other Client Ltd</option>`));
  });

  it('sorts by a column and says so to assistive technology', async () => {
    const res = await s.get('/app/invoices?sort=number&dir=asc');
    const numbers = rowNumbers(res.body);
    expect(numbers).toEqual([...numbers].sort());
    expect(res.body).toMatch(/<th scope="col" aria-sort="ascending"><a href="\/app\/invoices\?sort=number&amp;dir=desc"/);
    expect(numbers[0]).toBe('INV-0000001');
    const desc = rowNumbers((await s.get('/app/invoices?sort=number&dir=desc')).body);
    expect(desc).toEqual([...desc].sort().reverse());
    expect(desc[0]! > numbers[24]!).toBe(true);
  });

  it('says when nothing matches and links to clear the filters; a bad date is named', async () => {
    const none = await s.get('/app/invoices?q=zzzzzz');
    expect(none.status).toBe(200);
    expect(none.body).toContain('No invoices match');
    expect(none.body).toContain('<a href="/app/invoices">Clear filters</a>');
    const bad = await s.get('/app/invoices?from=2026-02-31');
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toMatch(/id="filter-from"[^>]*aria-invalid="true"[^>]*aria-describedby="filter-from-error"/);
  });

  it('changes the status of the selected invoices and reports what it skipped, keeping the filters', async () => {
    const list = await s.get('/app/invoices?status=sent');
    expect(list.body).toContain(`<label for="select-${created.overdue.id}" class="visually-hidden">Select ${created.overdue.number}</label>`);
    expect(list.body).toContain('<label for="bulk-status">Change status of selected</label>');
    const res = await s.post('/app/invoices/bulk-status', [
      ['back', '/app/invoices?status=sent'],
      ['ids', String(created.overdue.id)],
      ['ids', String(created.dueToday.id)],
      ['ids', String(created.draft.id)],
      ['ids', String(created.paid.id)],
      ['ids', '999999'],
      ['status', 'paid'],
    ]);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app/invoices?status=sent');
    const after = await s.follow(res);
    const summary = text(after.body);
    expect(summary).toContain('2 marked as paid; 3 skipped:');
    expect(summary).toContain(`${created.draft.number}: a Draft invoice cannot become Paid`);
    expect(summary).toContain(`${created.paid.number}: it is paid already`);
    expect(summary).toContain('Invoice 999999: not found, or you may not change it');
    expect(rowNumbers(after.body)).toEqual([created.dueSoon.number]);
    // The summary is shown once.
    const again = await s.get('/app/invoices?status=sent');
    expect(text(again.body)).not.toContain('marked as paid');
    const paid = await call(t, 'GET', `/api/2.0/crm/invoice/${created.overdue.id}`);
    expect(paid.response.status.id).toBe(4);

    // Nothing selected: a message, nothing changes.
    const none = await s.post('/app/invoices/bulk-status', [['status', 'paid']]);
    expect(text((await s.follow(none)).body)).toContain('Select at least one invoice first.');
    // An unknown target status is refused.
    const bad = await s.post('/app/invoices/bulk-status', [['ids', String(created.draft.id)], ['status', 'archived']]);
    expect(bad.status).toBe(400);
    // A foreign back address is not followed.
    const spare = await invoice({ issueDate: '2025-10-01', dueDate: '2025-10-31' });
    const evil = await s.post('/app/invoices/bulk-status', [['back', '//evil.example/app/invoices'], ['ids', String(spare.id)], ['status', 'sent']]);
    expect(evil.location).toBe('/app/invoices');
    await s.follow(evil);
  });

  it('refuses a bulk change without the CSRF token', async () => {
    await s.get('/app/invoices');
    const res = await s.post('/app/invoices/bulk-status', [['_csrf', 'forged'], ['ids', String(created.draft.id)], ['status', 'sent']]);
    expect(res.status).toBe(403);
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${created.draft.id}`)).response.status.id).toBe(1);
  });

  it('speaks Russian and formats money as ru-RU does', async () => {
    const rub = await invoice({
      issueDate: '2026-01-07',
      dueDate: '2026-01-17',
      currency: 'rub',
      invoiceLines: [{ invoiceItemID: w.itemId, quantity: 1, price: '1234.50', discount: 0 }],
    });
    const ru = await adminWebSession(t.app, 'ru-RU,ru;q=0.9');
    const res = await ru.get('/app/invoices?sort=issueDate&dir=desc');
    expect(res.body).toContain('<html lang="ru">');
    expect(res.body).toContain('<h1>Счета</h1>');
    expect(res.body).toContain('>Новый счёт</a>');
    expect(text(res.body)).toContain('1–25 из 33');
    const row = rowText(res.body, rub.number);
    expect(row).toContain('1\u00a0234,50\u00a0₽');
    expect(row).toContain('Черновик');
    expect(row).toContain('срок через 2 дня');
    const overdue = await ru.get('/app/invoices?status=sent');
    expect(rowText(overdue.body, created.dueSoon.number)).toContain('срок через 5 дней');
  });

  it('has no inline scripts or style attributes, and a label for every control', async () => {
    const res = await s.get('/app/invoices?status=all');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.body).not.toMatch(/\sstyle=/);
    expect(res.body).not.toMatch(/\son[a-z]+=/);
    const ids = [...res.body.matchAll(/<(?:input|select)(?![^>]*type="(?:hidden|submit)")[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(25);
    for (const id of ids) expect(res.body, id).toContain(`for="${id}"`);
    expect(res.body.match(/<h1>/g)).toHaveLength(1);
  });

  it('sends an anonymous visitor to sign in', async () => {
    const res = await new WebSession(t.app).get('/app/invoices?status=paid');
    expect(res.status).toBe(303);
    expect(res.location).toContain('/app/login');
  });
});
