// Screen 4: the invoice form and its line editor, driven like a browser without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/domain/shared/locale-number.js';
import { call } from '../support/api.js';
import { buildWorld, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { adminWebSession, WebSession, type WebResponse } from '../support/web.js';

let t: TestApp;
let w: World;
let s: WebSession;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  await call(t, 'PUT', '/api/2.0/crm/invoice/settings/terms', { json: { terms: 'Payable within 30 days' } });
  s = await adminWebSession(t.app);
});
afterAll(async () => t.close());

type Line = Partial<Record<'itemId' | 'description' | 'quantity' | 'price' | 'discount' | 'tax1Id' | 'tax2Id', string>>;

/** A complete form post: header fields, lines, and overrides (a key set to undefined is left out). */
function formOf(lines: Line[], over: Record<string, string | undefined> = {}): [string, string][] {
  const header: Record<string, string | undefined> = {
    contactId: String(w.contactId), consigneeId: '', issueDate: '2026-01-15', dueDate: '2026-02-14', number: '',
    currency: 'EUR', exchangeRate: '1', language: 'en-US', purchaseOrderNumber: 'PO-77', entityId: '',
    terms: 'Net 30', description: 'Thank you', numberLocale: 'en-US', ...over,
  };
  const pairs: [string, string][] = Object.entries(header).filter((e): e is [string, string] => e[1] !== undefined);
  lines.forEach((l, i) => {
    for (const k of ['itemId', 'description', 'quantity', 'price', 'discount', 'tax1Id', 'tax2Id'] as const) pairs.push([`lines[${i}][${k}]`, l[k] ?? '']);
  });
  return pairs;
}

const idFromLocation = (res: WebResponse) => Number(/^\/app\/invoices\/(\d+)$/.exec(res.location ?? '')![1]);
/** The value of an input by id (the page's own markup, not the template). */
const inputValue = (html: string, id: string): string | undefined => {
  const tag = new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
  if (!tag) return undefined;
  return /\svalue(?:="([^"]*)")?/.exec(tag)?.[1] ?? '';
};
const selectedOf = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  const end = html.indexOf('</select>', start);
  return /<option value="([^"]*)"[^>]*selected/.exec(html.slice(start, end))?.[1];
};
/** The main landmark without the line template (whose blank row would match line 1's fields). */
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>')).replace(/<template[\s\S]*?<\/template>/, '');

describe('invoice form: new', () => {
  it('renders the empty form: labelled fields, default terms, auto-numbering hint, the island', async () => {
    const res = await s.get('/app/invoices/new');
    expect(res.status).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1>New invoice</h1>');
    for (const label of ['Client', 'Consignee', 'Same as client', 'Issue date', 'Due date', 'Number', 'Currency', 'Exchange rate', 'Document language', 'PO number', 'Opportunity', 'Terms', 'Notes'])
      expect(html, label).toMatch(new RegExp(`<label for="[^"]+"[^>]*>${label}</label>`));
    for (const label of ['Item, line 1', 'Description, line 1', 'Quantity, line 1', 'Price, line 1', 'Discount %, line 1', 'Tax 1, line 1', 'Tax 2, line 1'])
      expect(html, label).toContain(`>${label}</label>`);
    expect(html).toContain('Assigned when saved');
    expect(html).toContain('>Payable within 30 days</textarea>');
    expect(html).toMatch(/<script type="module" src="\/app\/assets\/island\.js\?v=/);
    expect(html).toContain('aria-live="polite"');
    for (const b of ['Save', 'Recalculate', 'Add line', 'Create item', 'Create tax']) expect(html).toContain(`>${b}</button>`);
    expect(html).toMatch(/id="line-0-quantity"[^>]*inputmode="decimal"/i);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/);
    // The client's billing address is shown for the island to swap (data-address).
    expect(html).toContain('1 Main St, Springfield, IL, 62701, USA');
  });

  it('creates a draft with three lines, one of them an item created inline, and goes to the invoice', async () => {
    await s.get('/app/invoices/new');
    const lines: Line[] = [
      { itemId: String(w.itemId), description: 'March', quantity: '2', price: '100.00', discount: '10', tax1Id: String(w.vatId) },
      { itemId: String(w.item2Id), description: '', quantity: '3', price: '7.70', tax1Id: String(w.reducedTaxId), tax2Id: String(w.vatId) },
    ];
    const created = await s.post('/app/invoices/new', [...formOf(lines), ['newItemTitle', 'Setup fee'], ['newItemSku', 'SETUP-1'], ['newItemPrice', '49.90'], ['action', 'new-item']]);
    expect(created.status).toBe(200);
    expect(created.body).toContain('Item “Setup fee” created');
    // The new item sits on a new third line, with its price; the first two lines are kept.
    const newItemId = selectedOf(created.body, 'line-2-itemId');
    expect(newItemId).toMatch(/^\d+$/);
    expect(inputValue(created.body, 'line-2-price')).toBe('49.90');
    expect(inputValue(created.body, 'line-0-description')).toBe('March');
    expect(inputValue(created.body, 'new-item-name')).toBe('');

    const saved = await s.post('/app/invoices/new', [...formOf([...lines, { itemId: newItemId, quantity: '1', price: '49.90' }]), ['action', 'save']]);
    expect(saved.status).toBe(303);
    const id = idFromLocation(saved);
    const api = (await call(t, 'GET', `/api/2.0/crm/invoice/${id}`)).response;
    expect(api.status.id).toBe(1);
    expect(api.number).toMatch(/^INV-/);
    expect(api.purchaseOrderNumber).toBe('PO-77');
    expect(api.terms).toBe('Net 30');
    expect(api.invoiceLines.map((l: any) => [l.invoiceItemID, l.quantity, l.price, l.discount, l.invoiceTax1ID, l.invoiceTax2ID])).toEqual([
      [w.itemId, 2, 100, 10, w.vatId, 0],
      [w.item2Id, 3, 7.7, 0, w.reducedTaxId, w.vatId],
      [Number(newItemId), 1, 49.9, 0, 0, 0],
    ]);
  });

  it('Recalculate shows the totals the stored snapshot (and so the PDF) has', async () => {
    const lines: Line[] = [
      { itemId: String(w.itemId), quantity: '3', price: '33.33', discount: '12.5', tax1Id: String(w.vatId), tax2Id: String(w.reducedTaxId) },
      { itemId: String(w.item2Id), quantity: '1.5', price: '0.35', tax1Id: String(w.reducedTaxId) },
    ];
    await s.get('/app/invoices/new');
    const saved = await s.post('/app/invoices/new', [...formOf(lines), ['action', 'save']]);
    const id = idFromLocation(saved);
    const snapshot = JSON.parse((await call(t, 'GET', `/api/2.0/crm/invoice/jsondata/${id}`)).response);
    const recalc = await s.post('/app/invoices/new', [...formOf(lines), ['action', 'recalculate']]);
    expect(recalc.status).toBe(200);
    const totals = recalc.body.slice(recalc.body.indexOf('<output id="invoice-totals"'), recalc.body.indexOf('</output>', recalc.body.indexOf('<output id="invoice-totals"')));
    const money = (text: string) => formatMoney(text, 'EUR', 'en-US');
    expect(totals).toContain(`Total</span> <span class="totals-value">${money(snapshot.TableTotalRow.Item2)}`);
    for (const row of snapshot.TableFooterRows as { Item1: string; Item2: string }[]) {
      const label = row.Item1 === 'Subtotal' ? 'Subtotal' : row.Item1;
      expect(totals, row.Item1).toContain(`${label}</span> <span class="totals-value">${money(row.Item2)}`);
    }
    expect(totals).toContain('Discount</span>');
  });

  it('fills a picked item\'s description, price and taxes on Recalculate (no JavaScript)', async () => {
    await s.get('/app/invoices/new');
    const res = await s.post('/app/invoices/new', [...formOf([{ itemId: String(w.itemId), quantity: '2' }]), ['action', 'recalculate']]);
    expect(res.status).toBe(200);
    expect(inputValue(res.body, 'line-0-price')).toBe('100.00');
    expect(selectedOf(res.body, 'line-0-tax1Id')).toBe(String(w.vatId));
    expect(res.body).toContain(`Total</span> <span class="totals-value">${formatMoney('240.00', 'EUR', 'en-US')}`);
  });

  it('refuses an invalid form with 422, keeping every value, with a linked summary and aria-invalid fields', async () => {
    await s.get('/app/invoices/new');
    const res = await s.post('/app/invoices/new', [
      ...formOf([{ itemId: String(w.itemId), description: 'Keep me', quantity: 'abc', price: '100' }], { contactId: '', purchaseOrderNumber: 'PO-KEEP' }),
      ['action', 'save'],
    ]);
    expect(res.status).toBe(422);
    const main = mainOf(res.body);
    expect(main.indexOf('class="error-summary"')).toBeLessThan(main.indexOf('<form'));
    expect(main).toContain('href="#client"');
    expect(main).toContain('href="#line-0-quantity"');
    expect(main).toContain('Quantity, line 1: Enter a number, like 1234.50.');
    expect(main).toMatch(/id="client"[^>]*aria-invalid="true"/);
    expect(main).toMatch(/id="line-0-quantity"[^>]*aria-invalid="true"[^>]*aria-describedby="line-0-quantity-error"|id="line-0-quantity"[^>]*aria-describedby="line-0-quantity-error"/);
    expect(main).toContain('id="line-0-quantity-error"');
    expect(inputValue(main, 'line-0-description')).toBe('Keep me');
    expect(inputValue(main, 'line-0-quantity')).toBe('abc');
    expect(inputValue(main, 'po-number')).toBe('PO-KEEP');
    expect(main).toContain('>Net 30</textarea>');
  });

  it('reads de-DE numbers when the form says so: 1.234,5 is 1234.50, and 1.234 is refused as ambiguous', async () => {
    await s.get('/app/invoices/new');
    const ambiguous = await s.post('/app/invoices/new', [
      ...formOf([{ itemId: String(w.itemId), quantity: '1', price: '1.234' }], { numberLocale: 'de-DE' }), ['action', 'save'],
    ]);
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.body).toContain('Price, line 1: “1.234” is ambiguous: write 1234 or 1,234.');
    expect(ambiguous.body).toContain('name="numberLocale" value="de-DE"');
    const ok = await s.post('/app/invoices/new', [
      ...formOf([{ itemId: String(w.itemId), quantity: '1,5', price: '1.234,5' }], { numberLocale: 'de-DE', exchangeRate: '1,25' }), ['action', 'save'],
    ]);
    expect(ok.status).toBe(303);
    const api = (await call(t, 'GET', `/api/2.0/crm/invoice/${idFromLocation(ok)}`)).response;
    expect(api.invoiceLines[0].price).toBe(1234.5);
    expect(api.invoiceLines[0].quantity).toBe(1.5);
    expect(api.exchangeRate).toBe(1.25);
  });

  it('adds, moves and removes lines and sets a due preset without JavaScript', async () => {
    await s.get('/app/invoices/new');
    const two = [{ itemId: String(w.itemId), description: 'first' }, { itemId: String(w.item2Id), description: 'second' }];
    const added = await s.post('/app/invoices/new', [...formOf(two), ['action', 'add-line']]);
    expect(added.status).toBe(200);
    expect(mainOf(added.body)).toContain('id="line-2-itemId"');
    expect(mainOf(added.body)).toContain('>Remove line 3</span>');
    const up = await s.post('/app/invoices/new', [...formOf(two), ['action', 'up:1']]);
    expect(inputValue(up.body, 'line-0-description')).toBe('second');
    expect(inputValue(up.body, 'line-1-description')).toBe('first');
    const down = await s.post('/app/invoices/new', [...formOf(two), ['action', 'down:0']]);
    expect(inputValue(down.body, 'line-0-description')).toBe('second');
    const removed = await s.post('/app/invoices/new', [...formOf(two), ['action', 'remove:0']]);
    expect(inputValue(removed.body, 'line-0-description')).toBe('second');
    expect(mainOf(removed.body)).not.toContain('id="line-1-itemId"');
    const due = await s.post('/app/invoices/new', [...formOf(two, { issueDate: '2026-03-01' }), ['action', 'due:14']]);
    expect(inputValue(due.body, 'due-date')).toBe('2026-03-15');
    expect(due.body).toContain('aria-label="+14 days"');
  });

  it('creates a tax inline and offers it in the lines; a duplicate name is refused with 422', async () => {
    await s.get('/app/invoices/new');
    const res = await s.post('/app/invoices/new', [...formOf([{ itemId: String(w.itemId) }]), ['newTaxName', 'Tourist levy'], ['newTaxRate', '2.5'], ['action', 'new-tax']]);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Tax “Tourist levy” created');
    expect(res.body).toContain('>Tourist levy (2.50%)</option>');
    const again = await s.post('/app/invoices/new', [...formOf([{ itemId: String(w.itemId) }]), ['newTaxName', 'Tourist levy'], ['newTaxRate', '2.5'], ['action', 'new-tax']]);
    expect(again.status).toBe(422);
    expect(again.body).toContain('A tax with this name already exists.');
    expect(again.body).toMatch(/id="new-tax-name"[^>]*aria-invalid="true"/);
  });

  it('hides the inline item and tax creators from users who may not edit the catalogue', async () => {
    const user = await t.createUser();
    const u = new WebSession(t.app);
    await u.signIn(user.email, 'user-password-1');
    const res = await u.get('/app/invoices/new');
    expect(res.status).toBe(200);
    expect(res.body).not.toContain('Create item');
    expect(res.body).not.toContain('Create tax');
  });

  it('speaks Russian', async () => {
    const ru = await adminWebSession(t.app, 'ru-RU,ru;q=0.9');
    const res = await ru.get('/app/invoices/new');
    expect(res.body).toContain('<html lang="ru">');
    for (const text of ['<h1>Новый счёт</h1>', 'Количество, строка 1', 'Добавить строку', 'Пересчитать', 'Сохранить', 'Совпадает с клиентом', 'Итого', 'Новый товар…'])
      expect(res.body, text).toContain(text);
    // ru-RU numbers: 1 234,50 read back, amounts shown as "1 234,50 €".
    await ru.get('/app/invoices/new');
    const recalc = await ru.post('/app/invoices/new', [...formOf([{ itemId: String(w.item2Id), quantity: '1', price: '1 234,5' }], { numberLocale: 'ru-RU' }), ['action', 'recalculate']]);
    expect(recalc.status).toBe(200);
    expect(recalc.body).toContain(formatMoney('1234.50', 'EUR', 'ru-RU'));
  });
});

describe('invoice form: edit and duplicate', () => {
  let id: number;
  beforeAll(async () => {
    await s.get('/app/invoices/new');
    const saved = await s.post('/app/invoices/new', [
      ...formOf([{ itemId: String(w.itemId), description: 'Original', quantity: '2', price: '100', discount: '10', tax1Id: String(w.vatId) }], { dueDate: '2026-01-29' }),
      ['action', 'save'],
    ]);
    id = idFromLocation(saved);
  });

  it('edits a draft: the form shows the stored values; saving replaces them', async () => {
    const page = await s.get(`/app/invoices/${id}/edit`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<h1>Edit invoice INV-\d+<\/h1>/);
    expect(inputValue(page.body, 'line-0-description')).toBe('Original');
    expect(inputValue(page.body, 'line-0-quantity')).toBe('2');
    expect(inputValue(page.body, 'line-0-price')).toBe('100.00');
    expect(selectedOf(page.body, 'client')).toBe(String(w.contactId));
    const res = await s.post(`/app/invoices/${id}/edit`, [
      ...formOf([{ itemId: String(w.itemId), description: 'Changed', quantity: '5', price: '100', tax1Id: String(w.vatId) }, { itemId: String(w.item2Id), quantity: '1' }], { terms: 'Net 10' }),
      ['action', 'save'],
    ]);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/app/invoices/${id}`);
    const api = (await call(t, 'GET', `/api/2.0/crm/invoice/${id}`)).response;
    expect(api.terms).toBe('Net 10');
    expect(api.invoiceLines.map((l: any) => [l.description, l.quantity, l.price])).toEqual([['Changed', 5, 100], ['', 1, 7.7]]);
  });

  it('duplicates: a new-invoice form with the lines, no number and today\'s dates keeping the term', async () => {
    const res = await s.get(`/app/invoices/${id}/duplicate`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('action="/app/invoices/new"');
    expect(res.body).toMatch(/<h1>New invoice from INV-\d+<\/h1>/);
    expect(inputValue(res.body, 'number')).toBe('');
    expect(inputValue(res.body, 'issue-date')).toBe('2026-01-15');
    expect(inputValue(res.body, 'line-0-description')).toBe('Changed');
    expect(inputValue(res.body, 'line-1-quantity')).toBe('1');
    expect(inputValue(res.body, 'po-number')).toBe('PO-77');
  });

  it('refuses to edit an issued invoice: back to its page with a message, nothing changed', async () => {
    expect((await call(t, 'PUT', '/api/2.0/crm/invoice/status/2', { json: { invoiceids: [id] } })).status).toBe(200);
    const page = await s.get(`/app/invoices/${id}/edit`);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/app/invoices/${id}?notice=not-editable`);
    const details = await s.follow(page);
    expect(details.body).toMatch(/has been issued: its lines can no longer be edited\./);
    await s.get(`/app/invoices/${id}/duplicate`);
    const post = await s.post(`/app/invoices/${id}/edit`, [...formOf([{ itemId: String(w.itemId), description: 'Hacked', quantity: '9' }]), ['action', 'save']]);
    expect(post.status).toBe(303);
    const api = (await call(t, 'GET', `/api/2.0/crm/invoice/${id}`)).response;
    expect(api.invoiceLines[0].description).toBe('Changed');
  });

  it('answers 404 for an invoice that does not exist', async () => {
    expect((await s.get('/app/invoices/999999/edit')).status).toBe(404);
    expect((await s.get('/app/invoices/999999/duplicate')).status).toBe(404);
  });
});
