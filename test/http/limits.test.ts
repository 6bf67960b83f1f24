// Limits (issue 8 item 5): each is a clear 4xx in the error envelope, nothing is written, and
// page sizes above 1000 are clamped rather than refused (spec §1.6, DECISIONS "Wire format").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ApiResult } from '../support/api.js';
import { buildWorld, invoiceBody, writeCounts, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

const MIB = 1024 * 1024;
const long = 'x'.repeat(256);
const max = 'y'.repeat(255);

function expectRefusal(r: ApiResult, status: number, message?: RegExp) {
  expect(r.status, r.raw.slice(0, 300)).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/^application\/json; charset=utf-8/);
  expect(r.body).toMatchObject({ status: 1, statusCode: status, error: { message: expect.any(String) } });
  if (message) expect(r.body.error.message).toMatch(message);
}

describe('request body: 1 MiB by default → 413', () => {
  it('a JSON, urlencoded or multipart body over 1 MiB is 413 in the envelope; nothing written', async () => {
    const before = await writeCounts(t);
    const json = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { description: 'z'.repeat(MIB + 10) }) });
    expectRefusal(json, 413, /too large/i);
    const form = await call(t, 'POST', '/api/2.0/crm/invoice', { form: `terms=${'z'.repeat(MIB + 10)}` });
    expectRefusal(form, 413, /too large/i);
    expect(await writeCounts(t)).toEqual(before);
  });

  // KNOWN GAP (reported, content-types.ts is not ours): a multipart body over the limit is not
  // refused; busboy's fieldSize silently truncates the field to bodyLimit and the request runs.
  it('a multipart body over 1 MiB is 413', async () => {
    const boundary = 'limitsboundary';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const multipart = `${part('name', 'Multipart tax')}${part('rate', '1')}${part('description', 'z'.repeat(MIB + 10))}--${boundary}--\r\n`;
    const res = await t.app.inject({
      method: 'POST', url: '/api/2.0/crm/invoice/tax', payload: multipart,
      headers: { authorization: t.adminToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expectRefusal({ status: res.statusCode, body: res.json(), response: undefined, raw: res.body, headers: res.headers as Record<string, unknown> }, 413);
  });

  it('a body just under the limit is accepted', async () => {
    const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { description: 'z'.repeat(MIB - 4096) }) });
    expect(r.status, r.raw.slice(0, 300)).not.toBe(413);
    expect(r.status).toBeLessThan(500);
  });

  it('the limit follows LEDGERLINE_BODY_LIMIT', async () => {
    const small = await createTestApp({ env: { LEDGERLINE_BODY_LIMIT: '2048' } });
    try {
      const r = await call(small, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'n', rate: 1, description: 'd'.repeat(3000) } });
      expectRefusal(r, 413);
    } finally {
      await small.close();
    }
  });
});

describe('lines per invoice: 1000', () => {
  it('1001 lines → 400; 1000 lines are accepted', async () => {
    const line = { invoiceItemID: w.itemId, quantity: 1, price: 1 };
    const before = await writeCounts(t);
    const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { invoiceLines: Array(1001).fill(line) }) });
    expectRefusal(r, 400, /at most 1000 lines/);
    expect(await writeCounts(t)).toEqual(before);
    const ok = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { invoiceLines: Array(1000).fill(line) }) });
    expect(ok.status, ok.raw.slice(0, 300)).toBe(201);
    expect(ok.response.invoiceLines).toHaveLength(1000);
    // PUT with 1001 lines is refused the same way, and so is a 1001st line added alone.
    const put = await call(t, 'PUT', `/api/2.0/crm/invoice/${ok.response.id}`, { json: invoiceBody(w, { invoiceLines: Array(1001).fill(line) }) });
    expectRefusal(put, 400, /1000 lines/);
    const extra = await call(t, 'POST', '/api/2.0/crm/invoiceline', { json: { invoiceId: ok.response.id, invoiceItemId: w.itemId, quantity: 1, price: 1 } });
    expectRefusal(extra, 400, /1000 lines/);
  });
});

describe('strings where the original has varchar(255): 256 characters → 400, 255 accepted', () => {
  it('invoice number and purchaseOrderNumber', async () => {
    const before = await writeCounts(t);
    expectRefusal(await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { number: long }) }), 400, /number/i);
    expectRefusal(await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { purchaseOrderNumber: long }) }), 400, /purchaseOrderNumber/i);
    expect(await writeCounts(t)).toEqual(before);
    const ok = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { number: `N${max.slice(1)}`, purchaseOrderNumber: max }) });
    expect(ok.status, ok.raw.slice(0, 300)).toBe(201);
  });

  it('tax name', async () => {
    expectRefusal(await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: long, rate: 1 } }), 400, /name/i);
    expect((await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: `T${max.slice(1)}`, rate: 1 } })).status).toBe(201);
  });

  it('item title and SKU', async () => {
    expectRefusal(await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: long, price: 1 } }), 400, /title/i);
    expectRefusal(await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'ok', sku: long, price: 1 } }), 400, /sku/i);
    expect((await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: max, sku: max, price: 1 } })).status).toBe(201);
  });

  it('contact names', async () => {
    expectRefusal(await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: long, lastName: 'L' } }), 400);
    expectRefusal(await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'F', lastName: long } }), 400);
    expectRefusal(await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: long } }), 400);
    expect((await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: max, lastName: max } })).status).toBe(201);
    expect((await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: max } })).status).toBe(201);
  });

  it('length counts characters, not UTF-16 units: 255 astral characters are accepted', async () => {
    const astral = '😀'.repeat(255);
    expect((await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: astral, rate: 1 } })).status).toBe(201);
    expectRefusal(await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: `${astral}😀`, rate: 1 } }), 400);
  });
});

describe('page size: count above 1000 is clamped, not refused', () => {
  it('count=5000 answers 200 with at most 1000 rows and a nextIndex', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 1005 }, (_, i) => ({
      tenant_id: 1, title: `Bulk ${String(i).padStart(4, '0')}`, description: '', sku: `BULK-${i}`, price: 100, stock_quantity: 0,
      track_inventory: 0, tax1_id: 0, tax2_id: 0, created_by: w.adminId, created_at: now, updated_by: w.adminId, updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 200) await t.deps.store.db.insertInto('invoice_items').values(rows.slice(i, i + 200)).execute();
    const r = await call(t, 'GET', '/api/2.0/crm/invoiceitem/filter?count=5000');
    expect(r.status, r.raw.slice(0, 300)).toBe(200);
    expect(r.response).toHaveLength(1000);
    expect(r.body.count).toBe(1000);
    expect(r.body.nextIndex).toBeGreaterThan(0);
    expect(r.body.total).toBeGreaterThan(1000);
    for (const url of ['/api/2.0/crm/invoice/filter?count=5000', '/api/2.0/crm/contact/filter?count=5000', '/api/2.0/crm/opportunity/filter?count=5000']) {
      const res = await call(t, 'GET', url);
      expect(res.status, `${url}: ${res.raw.slice(0, 200)}`).toBe(200);
    }
  });
});

describe('id lists: huge lists are a clear 4xx or handled, never a 5xx', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1_000_000);

  /** Under 500, in the envelope, nothing deleted. */
  async function handled(r: ApiResult, before: Awaited<ReturnType<typeof writeCounts>>) {
    expect(r.status, r.raw.slice(0, 300)).toBeLessThan(500);
    expect(r.body).toMatchObject({ statusCode: r.status, status: r.status >= 400 ? 1 : 0 });
    expect(await writeCounts(t)).toEqual(before);
  }

  it('10 000 unknown ids in DELETE crm/invoice and DELETE crm/invoiceitem are handled (200, nothing deleted)', async () => {
    const before = await writeCounts(t);
    await handled(await call(t, 'DELETE', '/api/2.0/crm/invoice', { json: { invoiceids: ids(10_000) } }), before);
    await handled(await call(t, 'DELETE', '/api/2.0/crm/invoice', { form: `invoiceids=${ids(10_000).join(',')}` }), before);
    await handled(await call(t, 'DELETE', '/api/2.0/crm/invoiceitem', { json: { ids: ids(10_000) } }), before);
  });

  // KNOWN GAP (reported; the routes' schemas and stores are not ours): 100 000 ids (≈ 0.8 MiB,
  // within the body limit) reach one `IN (…)` with a parameter per id and the database refuses
  // it (SQLite "too many SQL variables" above 32 766; PostgreSQL's 65 535 bind parameters): 500.
  it('DELETE crm/invoice with 100 000 ids in a JSON body', async () => {
    await handled(await call(t, 'DELETE', '/api/2.0/crm/invoice', { json: { invoiceids: ids(100_000) } }), await writeCounts(t));
  });

  it('DELETE crm/invoice with 100 000 ids as one comma-joined form value', async () => {
    await handled(await call(t, 'DELETE', '/api/2.0/crm/invoice', { form: `invoiceids=${ids(100_000).join(',')}` }), await writeCounts(t));
  });

  it('DELETE crm/invoiceitem with 100 000 ids', async () => {
    await handled(await call(t, 'DELETE', '/api/2.0/crm/invoiceitem', { json: { ids: ids(100_000) } }), await writeCounts(t));
  });

  it('whatever the answer, the server keeps serving after a huge id list', async () => {
    await call(t, 'DELETE', '/api/2.0/crm/invoice', { json: { invoiceids: ids(100_000) } });
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/tax')).status).toBe(200);
  });
});
