// Issue 8 item 6: no member a client must not set (status, cost, createBy/createdBy, createOn/created,
// fileID, id, tenantId, the number of an existing invoice, a line's invoice) can be set through the
// create and update routes of invoices, lines, items, taxes, contacts and opportunities.
// The stored rows are compared with the database directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { invoiceBody } from '../support/invoice-world.js';
import { API, buildTenants, created, tenantOneWorld, type Ids, type Tenants } from './tenant-fixture.js';

let c: Tenants;
let w: Ids;
const SPOOF_ID = 987654;
const SPOOF_DATE = '2001-02-03T04:05:06.000Z';
/** Members no client may set, with values that would be visible if they were taken. */
function extras(): Record<string, unknown> {
  return {
    id: SPOOF_ID, ID: SPOOF_ID, status: 4, Status: 'Paid', cost: 12345, Cost: 12345,
    createBy: c.users.other.id, createdBy: c.users.other.id, createById: c.users.other.id, created_by: c.users.other.id,
    createOn: SPOOF_DATE, created: SPOOF_DATE, createdAt: SPOOF_DATE, created_at: SPOOF_DATE,
    fileID: 4242, fileId: 4242, file_id: 4242,
    tenantId: c.t2.tenantId, tenantID: c.t2.tenantId, tenant_id: c.t2.tenantId,
  };
}
const db = () => c.t.deps.store.db as any;
async function row(table: string, id: number | string): Promise<Record<string, any>> {
  const r = await db().selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
  expect(r, `${table} ${id} exists`).toBeDefined();
  return r;
}
/** The columns a client must not set. */
const pick = (r: Record<string, any>) => {
  const out: Record<string, unknown> = {};
  for (const k of ['tenant_id', 'status', 'number', 'file_id', 'created_by', 'created_at', 'invoice_id']) if (k in r) out[k] = r[k];
  return out;
};

beforeAll(async () => {
  c = await buildTenants();
  w = await tenantOneWorld(c);
}, 60_000);
afterAll(async () => {
  await c?.t.close();
});

/** A create as `token` with and without the extras stores the same protected columns. */
async function createPair(table: string, url: string, body: () => Record<string, unknown>, token: string, callerId: string) {
  const plain = await created(call(c.t, 'POST', url, { token, json: body() }), `${url} plain`);
  const spoof = await created(call(c.t, 'POST', url, { token, json: { ...body(), ...extras() } }), `${url} with extras`);
  expect(spoof.id).not.toBe(SPOOF_ID);
  const [a, b] = [await row(table, plain.id), await row(table, spoof.id)];
  expect(pick(b), `${url}: protected columns of the spoofed create`).toEqual({ ...pick(a), ...('number' in a ? { number: b.number } : {}) });
  expect(Number(b.tenant_id)).toBe(1);
  if ('created_by' in b) expect(b.created_by).toBe(callerId);
  expect(await db().selectFrom(table).select('id').where('id', '=', SPOOF_ID).executeTakeFirst()).toBeUndefined();
  return { plain, spoof, row: b };
}

/** An update with the extras leaves the protected columns as they were. */
async function updateKeeps(table: string, id: number, url: string, body: Record<string, unknown>, token?: string) {
  const before = pick(await row(table, id));
  const r = await call(c.t, 'PUT', url, { ...(token ? { token } : {}), json: { ...body, ...extras() } });
  expect(r.status, `${url}: ${r.raw}`).toBe(200);
  expect(pick(await row(table, id)), `${url}: protected columns after the update`).toEqual(before);
  expect(await db().selectFrom(table).select('id').where('id', '=', SPOOF_ID).executeTakeFirst()).toBeUndefined();
  return r;
}

describe('fields a client must not set', () => {
  it('POST invoice: status stays Draft, createBy is the caller, fileID 0, tenant 1', async () => {
    const { spoof, row: r } = await createPair('invoices', `${API}/invoice`, () => invoiceBody(w), c.users.user.token, c.users.user.id);
    expect(spoof.status.id).toBe(1);
    expect(spoof.createBy.id).toBe(c.users.user.id);
    expect(spoof.fileID).toBe(0);
    expect(Number(r.status)).toBe(1);
    expect(Number(r.file_id ?? 0)).toBe(0);
  });

  it('PUT invoice: number, status, createBy, fileID unchanged; number in the body does not override', async () => {
    const inv = await created(call(c.t, 'POST', `${API}/invoice`, { token: c.users.user.token, json: invoiceBody(w) }), 'invoice');
    const r = await updateKeeps('invoices', inv.id, `${API}/invoice/${inv.id}`, invoiceBody(w, { number: 'HACKED-0001', terms: 'Changed' }), c.users.user.token);
    expect(r.response.number).toBe(inv.number);
    expect(r.response.status.id).toBe(1);
    expect(r.response.createBy.id).toBe(c.users.user.id);
    expect(r.response.terms).toBe('Changed');
    expect((await call(c.t, 'GET', `${API}/invoice/bynumber/exist?number=HACKED-0001`)).response).toBe(false);
  });

  it('invoice lines: POST and PUT ignore the extras; invoiceID on a PUT does not move the line', async () => {
    const a = await created(call(c.t, 'POST', `${API}/invoice`, { json: invoiceBody(w) }), 'invoice a');
    const b = await created(call(c.t, 'POST', `${API}/invoice`, { json: invoiceBody(w) }), 'invoice b');
    const line = { invoiceId: a.id, invoiceItemId: w.itemId, invoiceTax1Id: w.vatId, quantity: 1, price: 5 };
    const added = await created(call(c.t, 'POST', `${API}/invoiceline`, { json: { ...line, ...extras() } }), 'line');
    expect(added.id).not.toBe(SPOOF_ID);
    const stored = await row('invoice_lines', added.id);
    expect([Number(stored.tenant_id), Number(stored.invoice_id)]).toEqual([1, a.id]);
    const r = await call(c.t, 'PUT', `${API}/invoiceline/${added.id}`, { json: { ...line, invoiceId: b.id, invoiceID: b.id, quantity: 2, ...extras() } });
    expect(r.status, r.raw).toBeLessThan(500);
    const after = await row('invoice_lines', added.id);
    expect([Number(after.tenant_id), Number(after.invoice_id)], `PUT invoiceline/${added.id} with invoiceID ${b.id}: ${r.raw}`).toEqual([1, a.id]);
    const bLines = (await call(c.t, 'GET', `${API}/invoice/${b.id}`)).response.invoiceLines.map((l: { id: number }) => l.id);
    expect(bLines).not.toContain(added.id);
    expect((await call(c.t, 'GET', `${API}/invoice/${a.id}`)).response.status.id).toBe(1);
  });

  it('invoice items: POST and PUT ignore the extras', async () => {
    let n = 0;
    const { spoof } = await createPair('invoice_items', `${API}/invoiceitem`, () => ({ title: 'Guarded', price: 3, sku: `G-${++n}-${Date.now()}` }), c.t.adminToken, w.adminId);
    await updateKeeps('invoice_items', spoof.id, `${API}/invoiceitem/${spoof.id}`, { title: 'Guarded 2', price: 4, sku: `G-upd-${Date.now()}` });
  });

  it('invoice taxes: POST and PUT ignore the extras', async () => {
    let n = 0;
    const { spoof } = await createPair('invoice_taxes', `${API}/invoice/tax`, () => ({ name: `Guard tax ${++n}`, description: '', rate: 3 }), c.t.adminToken, w.adminId);
    await updateKeeps('invoice_taxes', spoof.id, `${API}/invoice/tax/${spoof.id}`, { name: 'Guard tax renamed', description: '', rate: 4 });
  });

  it('contacts (company, person): POST and PUT ignore the extras', async () => {
    const co = await createPair('contacts', `${API}/contact/company`, () => ({ companyName: 'Guarded Co', shareType: 1 }), c.users.user.token, c.users.user.id);
    await updateKeeps('contacts', co.spoof.id, `${API}/contact/company/${co.spoof.id}`, { companyName: 'Guarded Co 2', shareType: 1 }, c.users.user.token);
    const pe = await createPair('contacts', `${API}/contact/person`, () => ({ firstName: 'Guarded', lastName: 'Person', shareType: 1 }), c.users.user.token, c.users.user.id);
    await updateKeeps('contacts', pe.spoof.id, `${API}/contact/person/${pe.spoof.id}`, { firstName: 'Guarded', lastName: 'Person 2', shareType: 1 }, c.users.user.token);
  });

  it('opportunities: POST and PUT ignore the extras', async () => {
    const body = () => ({ contactid: w.contactId, title: 'Guarded deal', responsibleid: c.users.user.id, bidCurrencyAbbr: 'EUR', stageid: w.stageId });
    const { spoof } = await createPair('opportunities', `${API}/opportunity`, body, c.users.user.token, c.users.user.id);
    await updateKeeps('opportunities', spoof.id, `${API}/opportunity/${spoof.id}`, { ...body(), title: 'Guarded deal 2' }, c.users.user.token);
  });
});
