// Screens 5 and 6: products & services and taxes, driven like a browser without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { adminWebSession, expectFieldError, WebSession } from '../support/web.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const apiItem = async (id: number) => (await call(t, 'GET', `/api/2.0/crm/invoiceitem/${id}`)).response;
const apiTaxes = async () => (await call(t, 'GET', '/api/2.0/crm/invoice/tax')).response as { id: number; name: string; rate: number; description: string }[];
const apiItems = async (q: string) =>
  (await call(t, 'GET', `/api/2.0/crm/invoiceitem/filter?filterValue=${encodeURIComponent(q)}`)).response as { id: number; title: string }[];



async function createInvoiceUsing(itemId: number, taxId: number) {
  const w = await buildWorld(t);
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', {
    json: invoiceBody(w, { invoiceLines: [{ invoiceItemID: itemId, invoiceTax1ID: taxId, quantity: 1, price: 10 }] }),
  });
  expect(r.status, r.raw).toBe(201);
}

describe('taxes', () => {
  it('creates, edits and deletes a tax with locale numbers (PRG, notices)', async () => {
    const s = await adminWebSession(t.app);
    const form = await s.get('/app/taxes/new');
    expect(form.status).toBe(200);
    expect(form.body).toContain('<label for="tax-name">Name</label>');
    expect(form.body).toContain('<label for="tax-rate">Rate %</label>');
    expect(form.body).toContain('<label for="tax-description">Description</label>');
    const created = await s.post('/app/taxes/new', { name: 'Web VAT', rate: '19.5', description: 'Standard rate' });
    expect(created.status).toBe(303);
    expect(created.location).toBe('/app/taxes?done=created');
    const list = await s.follow(created);
    expect(list.body).toContain('The tax was created.');
    expect(list.body).toContain('Web VAT');
    expect(list.body).toContain('19.5 %');
    const tax = (await apiTaxes()).find((x) => x.name === 'Web VAT')!;
    expect(tax).toMatchObject({ rate: 19.5, description: 'Standard rate' });

    const edit = await s.get(`/app/taxes/${tax.id}/edit`);
    expect(edit.body).toContain('value="19.5"');
    const saved = await s.post(`/app/taxes/${tax.id}/edit`, { name: 'Web VAT', rate: '21', description: 'Raised' });
    expect(saved.location).toBe('/app/taxes?done=saved');
    expect((await apiTaxes()).find((x) => x.id === tax.id)).toMatchObject({ rate: 21, description: 'Raised' });

    const deleted = await s.post(`/app/taxes/${tax.id}/delete`, {});
    expect(deleted.location).toBe('/app/taxes?done=deleted');
    expect((await s.follow(deleted)).body).toContain('The tax was deleted.');
    expect((await apiTaxes()).some((x) => x.id === tax.id)).toBe(false);
  });

  it('re-renders a refused tax with 422, every value kept, the error summary and aria wiring', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/taxes/new');
    const res = await s.post('/app/taxes/new', { name: '', rate: '1,2,3', description: 'Kept <b>text</b>' });
    expect(res.status).toBe(422);
    expect(res.body).toContain('There is a problem');
    expectFieldError(res, 'tax-name', 'Enter a name.');
    expectFieldError(res, 'tax-rate', /Enter a number, like 1,234\.50\./);
    expect(res.body).toContain('value="1,2,3"');
    expect(res.body).toContain('Kept &lt;b>text&lt;/b>');

    await s.post('/app/taxes/new', { name: 'Dup tax', rate: '5', description: '' });
    const dup = await s.post('/app/taxes/new', { name: 'DUP TAX', rate: '6', description: 'again' });
    expect(dup.status).toBe(422);
    expectFieldError(dup, 'tax-name', 'A tax with this name exists already: choose another name.');
    expect(dup.body).toContain('value="DUP TAX"');
  });

  it('refuses to delete a tax in use and says why on the list', async () => {
    const s = await adminWebSession(t.app);
    const taxRes = await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Used tax', rate: 10 } });
    const taxId = taxRes.response.id as number;
    await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Taxed thing', price: 5, invoiceTax1id: taxId } });
    const list = await s.get('/app/taxes');
    const row = list.body.slice(list.body.indexOf('Used tax'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('In use');
    const res = await s.post(`/app/taxes/${taxId}/delete`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/app/taxes?refused=${taxId}`);
    const page = await s.follow(res);
    expect(page.status).toBe(200);
    expect(page.body).toContain('role="alert"');
    expect(page.body).toContain('“Used tax” cannot be deleted: products or invoice lines use it.');
    expect((await apiTaxes()).some((x) => x.id === taxId)).toBe(true);
  });
});

describe('products & services', () => {
  it('creates, edits and deletes an item; the list shows price with currency, taxes and stock', async () => {
    const s = await adminWebSession(t.app);
    const taxId = (await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Item VAT', rate: 20 } })).response.id as number;
    const form = await s.get('/app/items/new');
    for (const label of ['Name', 'SKU', 'Description', 'Price', 'Quantity in stock', 'Track stock', 'Tax 1', 'Tax 2']) {
      expect(form.body).toMatch(new RegExp(`<label for="item-[a-z0-9]+">${label}</label>`));
    }
    expect(form.body).toContain('In EUR, the default currency');
    const created = await s.post('/app/items/new', {
      name: 'Web widget', sku: 'WW-1', description: 'A widget', price: '1,234.5', stock: '12', track: 'on', tax1: String(taxId), tax2: '0',
    });
    expect(created.status).toBe(303);
    expect(created.location).toBe('/app/items?done=created');
    const list = await s.follow(created);
    expect(list.body).toContain('The item was created.');
    expect(list.body).toContain('€1,234.50');
    expect(list.body).toContain('Item VAT (20 %)');
    const [item] = await apiItems('Web widget');
    const stored = await apiItem(item!.id);
    expect(stored).toMatchObject({ title: 'Web widget', stockKeepingUnit: 'WW-1', price: 1234.5, stockQuantity: 12, trackInvenory: true });

    const edit = await s.get(`/app/items/${item!.id}/edit`);
    expect(edit.body).toContain('value="1234.50"');
    expect(edit.body).toMatch(/<input[^>]*id="item-track"[^>]*checked/);
    const saved = await s.post(`/app/items/${item!.id}/edit`, { name: 'Web widget 2', sku: 'WW-2', description: '', price: '99.99', stock: '', tax1: '0', tax2: '0' });
    expect(saved.location).toBe('/app/items?done=saved');
    expect(await apiItem(item!.id)).toMatchObject({ title: 'Web widget 2', price: 99.99, trackInvenory: false });

    const deleted = await s.post(`/app/items/${item!.id}/delete`, {});
    expect(deleted.location).toBe('/app/items?done=deleted');
    expect((await call(t, 'GET', `/api/2.0/crm/invoiceitem/${item!.id}`)).status).toBe(404);
  });

  it('keeps every value on a refused item (422) and marks the fields', async () => {
    const s = await adminWebSession(t.app);
    await s.get('/app/items/new');
    const res = await s.post('/app/items/new', { name: '  ', sku: 'KEEP-1', description: 'keep me', price: '0', stock: 'a lot', track: 'on', tax1: '999999', tax2: '0' });
    expect(res.status).toBe(422);
    expectFieldError(res, 'item-name', 'Enter a name.');
    expectFieldError(res, 'item-price', 'Enter a price greater than 0.');
    expectFieldError(res, 'item-stock', /Enter a number/);
    expectFieldError(res, 'item-tax1', 'This tax no longer exists: choose another.');
    // The summary names each field, and links to it.
    expect(res.body).toContain('<a href="#item-price">Price: Enter a price greater than 0.</a>');
    expect(res.body).toContain('value="KEEP-1"');
    expect(res.body).toContain('value="a lot"');
    expect(res.body).toContain('keep me</textarea>');
    expect(res.body).toMatch(/<input[^>]*id="item-track"[^>]*checked/);
    expect(await apiItems('KEEP')).toHaveLength(0);
  });

  it('refuses to delete an item in use and shows the reason on the list, not an error page', async () => {
    const s = await adminWebSession(t.app);
    const taxId = (await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Line tax', rate: 7 } })).response.id as number;
    const itemId = (await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Invoiced service', price: 50 } })).response.id as number;
    await createInvoiceUsing(itemId, taxId);
    const list = await s.get('/app/items?q=Invoiced');
    expect(list.body).toContain('Used on invoices: it cannot be deleted.');
    expect(list.body).not.toContain(`action="/app/items/${itemId}/delete"`);
    const res = await s.post(`/app/items/${itemId}/delete`, {});
    expect(res.location).toBe(`/app/items?refused=${itemId}`);
    const page = await s.follow(res);
    expect(page.status).toBe(200);
    expect(page.body).toContain('“Invoiced service” cannot be deleted: invoices use it.');
    expect((await call(t, 'GET', `/api/2.0/crm/invoiceitem/${itemId}`)).status).toBe(200);
    // The tax on that invoice line is in use too.
    const taxRes = await s.post(`/app/taxes/${taxId}/delete`, {});
    expect(taxRes.location).toBe(`/app/taxes?refused=${taxId}`);
  });

  it('searches and pages the list (25 a page)', async () => {
    const s = await adminWebSession(t.app);
    for (let i = 0; i < 27; i++) {
      await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: `Pager ${String(i).padStart(2, '0')}`, price: 1 } });
    }
    const first = await s.get('/app/items?q=Pager');
    expect(first.body).toContain('27 items match “Pager”');
    expect(first.body).toContain('Page 1 of 2');
    expect(first.body).toContain('Pager 24');
    expect(first.body).not.toContain('Pager 25');
    expect(first.body).toContain('href="/app/items?q=Pager&amp;page=2"');
    const second = await s.get('/app/items?q=Pager&page=2');
    expect(second.body).toContain('Pager 26');
    expect(second.body).not.toContain('Pager 24');
    const none = await s.get('/app/items?q=zzzznothing');
    expect(none.body).toContain('Nothing matches “zzzznothing”.');
  });
});

describe('rights and language', () => {
  it('shows the lists read-only to a non-admin and refuses writes with 403', async () => {
    const user = await t.createUser();
    const s = new WebSession(t.app);
    await s.signIn(user.email, 'user-password-1');
    const itemId = (await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Readonly item', price: 3 } })).response.id as number;
    const items = await s.get('/app/items?q=Readonly');
    expect(items.status).toBe(200);
    expect(items.body).toContain('Readonly item');
    expect(items.body).toContain('Only administrators can change this list.');
    expect(items.body).not.toContain('href="/app/items/new"');
    expect(items.body).not.toContain('/delete"');
    const taxes = await s.get('/app/taxes');
    expect(taxes.status).toBe(200);
    expect(taxes.body).not.toContain('href="/app/taxes/new"');
    expect((await s.get('/app/items/new')).status).toBe(403);
    expect((await s.get(`/app/items/${itemId}/edit`)).status).toBe(403);
    expect((await s.post('/app/items/new', { name: 'Sneaky', price: '1' })).status).toBe(403);
    expect((await s.post(`/app/items/${itemId}/delete`, {})).status).toBe(403);
    expect((await s.post('/app/taxes/new', { name: 'Sneaky', rate: '1' })).status).toBe(403);
    expect(await apiItems('Sneaky')).toHaveLength(0);
  });

  it('answers 404 for an item or tax that does not exist', async () => {
    const s = await adminWebSession(t.app);
    expect((await s.get('/app/items/987654/edit')).status).toBe(404);
    expect((await s.get('/app/taxes/987654/edit')).status).toBe(404);
    expect((await s.get('/app/items/abc/edit')).status).toBe(404);
  });

  it('speaks Russian and reads Russian numbers (decimal comma, space groups)', async () => {
    const s = await adminWebSession(t.app, 'ru-RU,ru;q=0.9');
    const form = await s.get('/app/items/new');
    expect(form.body).toContain('<h1>Новый товар</h1>');
    expect(form.body).toContain('Количество на складе');
    const res = await s.post('/app/items/new', { name: 'Русский товар', price: '1 234,5', stock: '', tax1: '0', tax2: '0' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app/items?done=created');
    const list = await s.get('/app/items?done=created&q=Русский');
    expect(list.body).toContain('Товар создан.');
    expect(list.body).toMatch(/1\s234,50\s€/);
    const [item] = await apiItems('Русский');
    expect((await apiItem(item!.id)).price).toBe(1234.5);
    const bad = await s.post('/app/taxes/new', { name: '', rate: 'много', description: '' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Есть ошибки');
    expectFieldError(bad, 'tax-name', 'Введите название.');
    expectFieldError(bad, 'tax-rate', /Введите число, например 1\s234,50\./);
  });
});
