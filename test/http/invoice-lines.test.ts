// POST/PUT/DELETE crm/invoiceline: spec §5.1–5.3, §3.5, Q19 (400), Q20 (kept). Every row of the
// error tables, in the contract's order, and every refusal checked to have written nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call, type ApiResult } from '../support/api.js';
import { buildWorld, invoiceBody, writeCounts, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const LINES = '/api/2.0/crm/invoiceline';

let t: TestApp;
let w: World;
let user: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  user = await t.createUser();
});
afterAll(async () => t?.close());

const withToken = (token?: string) => (token ? { token } : {});
const addLine = (json: Record<string, unknown>, token?: string) => call(t, 'POST', LINES, { json, ...withToken(token) });
const putLine = (id: number, json: Record<string, unknown>, token?: string) => call(t, 'PUT', `${LINES}/${id}`, { json, ...withToken(token) });
const deleteLine = (id: number, token?: string) => call(t, 'DELETE', `${LINES}/${id}`, withToken(token));

/** A Draft invoice with the one line of invoiceBody (Consulting, 2 × 100, 10 %, VAT); returns its id and line id. */
async function newInvoice(over: Record<string, unknown> = {}, token?: string): Promise<{ id: number; lineId: number }> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over), ...withToken(token) });
  expect(r.status, r.raw).toBe(201);
  return { id: r.response.id, lineId: r.response.invoiceLines[0].id };
}

/** A valid line body for an invoice. */
const lineBody = (invoiceId: number, over: Record<string, unknown> = {}) => ({
  invoiceId, invoiceItemId: w.item2Id, invoiceTax1Id: w.reducedTaxId, quantity: 3, price: '7.70', ...over,
});

async function setStatus(invoiceId: number, status: number) {
  await t.deps.store.db.updateTable('invoices').set({ status }).where('id', '=', invoiceId).execute();
}

/** Everything a line operation may write: row counts, the invoice row and its lines. */
async function written(invoiceId: number) {
  const db = t.deps.store.db;
  return {
    counts: await writeCounts(t),
    invoice: await db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).executeTakeFirst(),
    lines: await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('id').execute(),
  };
}

/** Expects the refusal and proves nothing was written. */
async function refused(invoiceId: number, req: () => Promise<ApiResult>, status: number, message: string | RegExp) {
  const before = await written(invoiceId);
  t.clock.advance(1000);
  const r = await req();
  expect(r.status, r.raw).toBe(status);
  expect(r.body).toMatchObject({ status: 1, statusCode: status });
  expect(r.body.error.message).toMatch(message);
  expect(await written(invoiceId)).toEqual(before);
}

describe('POST crm/invoiceline (spec §5.1)', () => {
  it('adds a line: 201 with the stored InvoiceLine, sortOrder as given, amounts rounded half away from zero', async () => {
    const inv = await newInvoice();
    const r = await addLine(lineBody(inv.id, { invoiceTax2Id: w.vatId, sortOrder: 7, description: 'Blue', quantity: '1.005', discount: '99.999' }));
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({ count: 1, status: 0, statusCode: 201 });
    expect(r.response).toEqual({
      id: expect.any(Number), invoiceID: inv.id, invoiceItemID: w.item2Id, invoiceTax1ID: w.reducedTaxId, invoiceTax2ID: w.vatId,
      sortOrder: 7, description: 'Blue', quantity: 1.01, price: 7.7, discount: 100,
    });
    expect(r.raw).toContain('"price":7.70');
    expect(r.raw).toContain('"discount":100.00');
    const got = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`);
    expect(got.response.invoiceLines.map((l: { id: number }) => l.id)).toEqual([inv.lineId, r.response.id]);
    expect(got.response.invoiceLines[1]).toEqual(r.response);
  });

  it('defaults: missing amounts are 0, a null description is "", a negative or duplicate sortOrder is kept', async () => {
    const inv = await newInvoice();
    const a = await addLine({ invoiceId: inv.id, invoiceItemId: w.itemId, description: null, sortOrder: -4 });
    expect(a.status, a.raw).toBe(201);
    expect(a.response).toMatchObject({ invoiceTax1ID: 0, invoiceTax2ID: 0, sortOrder: -4, description: '', quantity: 0, price: 0, discount: 0 });
    expect(a.raw).toContain('"quantity":0.00');
    const b = await addLine(lineBody(inv.id, { sortOrder: -4 }));
    expect(b.response.sortOrder).toBe(-4);
    // Listed by sortOrder, then id.
    const got = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`);
    expect(got.response.invoiceLines.map((l: { id: number }) => l.id)).toEqual([a.response.id, b.response.id, inv.lineId]);
  });

  it('binds the names in any letter case, from a form body or the query string', async () => {
    const inv = await newInvoice();
    const form = await call(t, 'POST', `${LINES}.json`, {
      form: [['INVOICEID', String(inv.id)], ['InvoiceItemID', String(w.itemId)], ['invoicetax1id', String(w.vatId)], ['Quantity', '2'], ['PRICE', '12.5']],
    });
    expect(form.status, form.raw).toBe(201);
    expect(form.response).toMatchObject({ invoiceID: inv.id, invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, quantity: 2, price: 12.5 });
    const query = await call(t, 'POST', `${LINES}?invoiceid=${inv.id}&invoiceitemid=${w.item2Id}`, { json: { quantity: 1 } });
    expect(query.status, query.raw).toBe(201);
    expect(query.response).toMatchObject({ invoiceID: inv.id, invoiceItemID: w.item2Id, quantity: 1 });
  });

  it('a non-admin creator of a Draft may add lines, and is recorded as the last editor', async () => {
    const inv = await newInvoice({}, user.token);
    t.clock.advance(60_000);
    const r = await addLine(lineBody(inv.id), user.token);
    expect(r.status, r.raw).toBe(201);
    const row = await t.deps.store.db.selectFrom('invoices').select(['updated_by', 'updated_at']).where('id', '=', inv.id).executeTakeFirstOrThrow();
    expect(row.updated_by).toBe(user.id);
    expect(Number(row.updated_at)).toBe(t.clock.now());
  });

  describe('refusals, in the order of §5.1', () => {
    let inv: { id: number; lineId: number };
    beforeAll(async () => {
      inv = await newInvoice();
    });

    it('1. invoiceId ≤ 0 or missing → 400', async () => {
      await refused(inv.id, () => addLine(lineBody(0)), 400, 'invoiceId must be greater than 0 (got 0)');
      await refused(inv.id, () => addLine(lineBody(-5)), 400, /invoiceId must be greater than 0/);
      await refused(inv.id, () => addLine({ invoiceItemId: w.itemId }), 400, /invoiceId must be greater than 0/);
    });

    it('1 before 2: a bad invoiceId wins over bad line values', async () => {
      await refused(inv.id, () => addLine(lineBody(0, { invoiceItemId: 0, discount: 200 })), 400, /invoiceId must be greater than 0/);
    });

    it('2. each field rule → 400', async () => {
      const bad = (over: Record<string, unknown>, message: string | RegExp) => refused(inv.id, () => addLine(lineBody(inv.id, over)), 400, message);
      await bad({ invoiceItemId: 0 }, 'Invoice line: invoiceItemID must name an invoice item (got 0)');
      await bad({ invoiceItemId: -1 }, /invoiceItemID must name an invoice item/);
      await bad({ quantity: -1 }, 'Invoice line: quantity must not be negative');
      await bad({ price: '-0.01' }, 'Invoice line: price must not be negative');
      await bad({ discount: '100.01' }, 'Invoice line: discount must be between 0 and 100');
      await bad({ discount: -1 }, /discount must be between 0 and 100/);
      await bad({ invoiceTax1Id: -1 }, 'Invoice line: invoiceTax1ID must not be negative');
      await bad({ invoiceTax2Id: -2 }, 'Invoice line: invoiceTax2ID must not be negative');
      await bad({ price: '100000000' }, 'Invoice line: price must be at most 99999999.99');
      await bad({ quantity: '99999999.995' }, 'Invoice line: quantity must be at most 99999999.99');
      await bad({ price: 'abc' }, /price: "abc" is not a valid decimal number/);
      await bad({ sortOrder: '1.5' }, /sortOrder: "1.5" is not a valid integer/);
    });

    it('the largest amounts pass', async () => {
      const r = await addLine(lineBody(inv.id, { quantity: '99999999.99', price: '99999999.99', discount: 100 }));
      expect(r.status, r.raw).toBe(201);
      expect(r.raw).toContain('"price":99999999.99');
      expect((await deleteLine(r.response.id)).status).toBe(200);
    });

    it('2 before 3: bad values on a missing invoice are a field error', async () => {
      await refused(inv.id, () => addLine(lineBody(999_999, { quantity: -1 })), 400, /quantity must not be negative/);
    });

    it('3. invoice not found → 400 (sic, Q20 kept)', async () => {
      await refused(inv.id, () => addLine(lineBody(999_999)), 400, 'Invoice 999999 not found');
      // 3 before 5: a missing invoice wins over a missing item.
      await refused(inv.id, () => addLine(lineBody(999_999, { invoiceItemId: 888_888 })), 400, 'Invoice 999999 not found');
    });

    it('4. a CRM user who can read the contact but did not create the invoice → 403', async () => {
      // The user can read the invoice (its contact is shared), so this is the edit right alone.
      expect((await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`, { token: user.token })).status).toBe(200);
      await refused(inv.id, () => addLine(lineBody(inv.id), user.token), 403, /^Access Denied: only a CRM admin or the invoice's creator/);
      // 4 before 5.
      await refused(inv.id, () => addLine(lineBody(inv.id, { invoiceItemId: 888_888 }), user.token), 403, /^Access Denied/);
    });

    it('4. an invoice that is not a Draft (Sent, Rejected, Paid, Archived) → 403, even for an admin', async () => {
      const sent = await newInvoice();
      for (const status of [2, 3, 4, 5]) {
        await setStatus(sent.id, status);
        await refused(sent.id, () => addLine(lineBody(sent.id)), 403, `Access Denied: invoice ${sent.id} is not a draft, its lines cannot change`);
      }
      await setStatus(sent.id, 2);
      await refused(sent.id, () => addLine(lineBody(sent.id, { invoiceItemId: 888_888 })), 403, /not a draft/);
    });

    it('5. item missing → 400; tax missing → 400', async () => {
      await refused(inv.id, () => addLine(lineBody(inv.id, { invoiceItemId: 888_888 })), 400, 'Invoice item 888888 not found');
      await refused(inv.id, () => addLine(lineBody(inv.id, { invoiceTax1Id: 777_777 })), 400, 'invoiceTax1Id: invoice tax 777777 not found');
      await refused(inv.id, () => addLine(lineBody(inv.id, { invoiceTax2Id: 777_778 })), 400, 'invoiceTax2Id: invoice tax 777778 not found');
    });

    it('guests (no CRM access) → 403', async () => {
      const guest = await t.createUser({ isVisitor: true });
      await refused(inv.id, () => addLine(lineBody(inv.id), guest.token), 403, 'Forbidden');
    });

    it('an invoice of another portal does not exist here → 400', async () => {
      const email = `lines-other-${process.pid}@example.test`;
      await createTenant(t.deps, { name: 'Other portal', adminEmail: email, adminPassword: 'other-password-1' });
      const other = await t.login(email, 'other-password-1');
      await refused(inv.id, () => addLine(lineBody(inv.id), other), 400, `Invoice ${inv.id} not found`);
      await refused(inv.id, () => putLine(inv.lineId, lineBody(inv.id), other), 404, `Invoice line ${inv.lineId} not found`);
      await refused(inv.id, () => deleteLine(inv.lineId, other), 404, `Invoice line ${inv.lineId} not found`);
    });

    it('an invoice holds at most 1000 lines', async () => {
      const lines = Array.from({ length: 1000 }, () => ({ invoiceItemID: w.itemId, quantity: 1, price: 1 }));
      const full = await newInvoice({ invoiceLines: lines });
      await refused(full.id, () => addLine(lineBody(full.id)), 400, `Invoice ${full.id} already has 1000 lines, the most an invoice can have`);
    });
  });
});

describe('PUT crm/invoiceline/{id} (spec §5.2)', () => {
  it('replaces every value of the line: 200 with the stored InvoiceLine, same id', async () => {
    const inv = await newInvoice();
    const r = await putLine(inv.lineId, { invoiceId: inv.id, invoiceItemId: w.item2Id, invoiceTax2Id: w.reducedTaxId, sortOrder: 3, description: 'Replaced', quantity: '0.5', price: '1.05', discount: 0 });
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(r.response).toEqual({
      id: inv.lineId, invoiceID: inv.id, invoiceItemID: w.item2Id, invoiceTax1ID: 0, invoiceTax2ID: w.reducedTaxId,
      sortOrder: 3, description: 'Replaced', quantity: 0.5, price: 1.05, discount: 0,
    });
    const got = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`);
    expect(got.response.invoiceLines).toEqual([r.response]);
    // spec §3.1 second example: 1.05 × 0.50 = 0.525 → 0.52 (banker's); 7 % of 0.52 = 0.0364 → 0.04.
    expect(got.response.cost).toBe(0.56);
  });

  it('omitted values are replaced too (all fields replaced: amounts 0, description "")', async () => {
    const inv = await newInvoice({ invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, quantity: 2, price: 100, discount: 10, description: 'x' }] });
    const r = await putLine(inv.lineId, { invoiceId: inv.id, invoiceItemId: w.itemId });
    expect(r.status, r.raw).toBe(200);
    expect(r.response).toMatchObject({ invoiceTax1ID: 0, sortOrder: 0, description: '', quantity: 0, price: 0, discount: 0 });
  });

  it('takes invoiceId from the query string and the body in any letter case', async () => {
    const inv = await newInvoice();
    const r = await call(t, 'PUT', `${LINES}/${inv.lineId}.json?InvoiceId=${inv.id}`, { form: [['INVOICEITEMID', String(w.item2Id)], ['quantity', '4']] });
    expect(r.status, r.raw).toBe(200);
    expect(r.response).toMatchObject({ id: inv.lineId, invoiceID: inv.id, invoiceItemID: w.item2Id, quantity: 4 });
  });

  describe('refusals, in the order of §5.2', () => {
    let inv: { id: number; lineId: number };
    let other: { id: number; lineId: number };
    beforeAll(async () => {
      inv = await newInvoice();
      other = await newInvoice();
    });

    it('1. invoiceId ≤ 0 → 400, before the line is looked up', async () => {
      await refused(inv.id, () => putLine(inv.lineId, lineBody(0)), 400, /invoiceId must be greater than 0/);
      await refused(inv.id, () => putLine(999_999, lineBody(-1)), 400, /invoiceId must be greater than 0/);
    });

    it('2. line not found → 404', async () => {
      await refused(inv.id, () => putLine(999_999, lineBody(inv.id)), 404, 'Invoice line 999999 not found');
      await refused(inv.id, () => putLine(0, lineBody(inv.id)), 404, 'Invoice line 0 not found');
    });

    it("2. the line's invoice is not invoiceId → 404 (also for a missing invoice)", async () => {
      await refused(inv.id, () => putLine(inv.lineId, lineBody(other.id)), 404, `Invoice line ${inv.lineId} does not belong to invoice ${other.id}`);
      await refused(inv.id, () => putLine(inv.lineId, lineBody(999_999)), 404, /does not belong to invoice 999999/);
    });

    it('2 before the field rules: bad values for a missing line → 404', async () => {
      await refused(inv.id, () => putLine(999_999, lineBody(inv.id, { quantity: -1 })), 404, /not found/);
    });

    it('3. field rules → 400', async () => {
      const bad = (over: Record<string, unknown>, message: string | RegExp) => refused(inv.id, () => putLine(inv.lineId, lineBody(inv.id, over)), 400, message);
      await bad({ invoiceItemId: 0 }, /invoiceItemID must name an invoice item/);
      await bad({ quantity: -1 }, /quantity must not be negative/);
      await bad({ price: -1 }, /price must not be negative/);
      await bad({ discount: 101 }, /discount must be between 0 and 100/);
      await bad({ invoiceTax1Id: -1 }, /invoiceTax1ID must not be negative/);
      await bad({ invoiceTax2Id: -1 }, /invoiceTax2ID must not be negative/);
      await bad({ price: '100000000' }, /price must be at most 99999999.99/);
      await bad({ quantity: '1e9' }, /quantity must be at most 99999999.99/);
    });

    it('field rules before the edit right: a non-editor sending bad values → 400', async () => {
      await refused(inv.id, () => putLine(inv.lineId, lineBody(inv.id, { discount: 101 }), user.token), 400, /discount/);
    });

    it('4. not CanEdit → 403: a CRM user who is not the creator; a Sent invoice, even for an admin', async () => {
      await refused(inv.id, () => putLine(inv.lineId, lineBody(inv.id), user.token), 403, /^Access Denied: only a CRM admin or the invoice's creator/);
      const sent = await newInvoice();
      await setStatus(sent.id, 2);
      await refused(sent.id, () => putLine(sent.lineId, lineBody(sent.id)), 403, `Access Denied: invoice ${sent.id} is not a draft, its lines cannot change`);
      // 4 before 5.
      await refused(sent.id, () => putLine(sent.lineId, lineBody(sent.id, { invoiceItemId: 888_888 })), 403, /not a draft/);
    });

    it('5. item or tax missing → 400', async () => {
      await refused(inv.id, () => putLine(inv.lineId, lineBody(inv.id, { invoiceItemId: 888_888 })), 400, 'Invoice item 888888 not found');
      await refused(inv.id, () => putLine(inv.lineId, lineBody(inv.id, { invoiceTax1Id: 777_777 })), 400, 'invoiceTax1Id: invoice tax 777777 not found');
      await refused(inv.id, () => putLine(inv.lineId, lineBody(inv.id, { invoiceTax2Id: 777_777 })), 400, 'invoiceTax2Id: invoice tax 777777 not found');
    });

    it('non-numeric or out-of-range ids', async () => {
      await refused(inv.id, () => putLine('abc' as unknown as number, lineBody(inv.id)), 404, /No route/);
      await refused(inv.id, () => putLine(99_999_999_999, lineBody(inv.id)), 400, 'id: must be <= 2147483647');
    });
  });
});

describe('DELETE crm/invoiceline/{id} (spec §5.3)', () => {
  it('deletes a line and answers its id as a bare integer', async () => {
    const inv = await newInvoice({ invoiceLines: [{ invoiceItemID: w.itemId, quantity: 1, price: 10 }, { invoiceItemID: w.item2Id, quantity: 1, price: 5 }] });
    const got = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`);
    const second = got.response.invoiceLines[1].id as number;
    const r = await deleteLine(second);
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toEqual({ count: 1, status: 0, statusCode: 200, response: second });
    const after = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`);
    expect(after.response.invoiceLines.map((l: { id: number }) => l.id)).toEqual([inv.lineId]);
    expect(after.response.cost).toBe(10); // the remaining line: 1 × 10.00, no tax
  });

  it('a non-admin creator may delete lines of their Draft; a form body on DELETE is fine', async () => {
    const inv = await newInvoice({}, user.token);
    const added = await addLine(lineBody(inv.id), user.token);
    const r = await call(t, 'DELETE', `${LINES}/${added.response.id}.json`, { token: user.token, form: '' });
    expect(r.status, r.raw).toBe(200);
    expect(r.response).toBe(added.response.id);
  });

  describe('refusals, in the order of §5.3', () => {
    it('1. line not found → 404', async () => {
      const inv = await newInvoice();
      await refused(inv.id, () => deleteLine(999_999), 404, 'Invoice line 999999 not found');
      await refused(inv.id, () => deleteLine(0), 404, 'Invoice line 0 not found');
    });

    it("2. the invoice's only line → 400 \"Can't delete invoice line\" (DECISIONS Q19), nothing written", async () => {
      const inv = await newInvoice();
      await refused(inv.id, () => deleteLine(inv.lineId), 400, /^Can't delete invoice line$/);
      // 2 before 4: also for a user without the edit right, and on a Sent invoice.
      await refused(inv.id, () => deleteLine(inv.lineId, user.token), 400, /^Can't delete invoice line$/);
      await setStatus(inv.id, 2);
      await refused(inv.id, () => deleteLine(inv.lineId), 400, /^Can't delete invoice line$/);
    });

    it('4. not CanEdit → 403: a CRM user who is not the creator; a Sent invoice, even for an admin', async () => {
      const inv = await newInvoice();
      const extra = (await addLine(lineBody(inv.id))).response.id as number;
      await refused(inv.id, () => deleteLine(extra, user.token), 403, /^Access Denied: only a CRM admin or the invoice's creator/);
      await setStatus(inv.id, 2);
      await refused(inv.id, () => deleteLine(extra), 403, `Access Denied: invoice ${inv.id} is not a draft, its lines cannot change`);
    });

    it('guests → 403', async () => {
      const inv = await newInvoice();
      const extra = (await addLine(lineBody(inv.id))).response.id as number;
      const guest = await t.createUser({ isVisitor: true });
      await refused(inv.id, () => deleteLine(extra, guest.token), 403, 'Forbidden');
    });
  });
});

describe('OpenAPI', () => {
  it('documents the three routes under the tag "invoice lines"', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/2.0/openapi.json' })).json();
    const ops = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>)
      .filter(([path]) => path.toLowerCase().includes('invoiceline'))
      .flatMap(([, methods]) => Object.entries(methods).map(([m, op]) => [m, op.tags]));
    expect(ops).toEqual(expect.arrayContaining([['post', ['invoice lines']], ['put', ['invoice lines']], ['delete', ['invoice lines']]]));
  });
});
