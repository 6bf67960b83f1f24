// The audit trail beyond invoices (issue 5): invoice lines, catalogue items and taxes, invoice
// settings and the organisation profile. Each change through the API writes one record per changed
// object in its own transaction; a refused request writes none; the chain stays valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ApiResult } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const AUDIT = '/api/2.0/crm/audit';
const LINES = '/api/2.0/crm/invoiceline';
const ITEMS = '/api/2.0/crm/invoiceitem';
const TAXES = '/api/2.0/crm/invoice/tax';
const LOGO = '/api/2.0/crm/settings/organisation/logo';

let t: TestApp;
let w: World;
let user: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  user = await t.createUser();
});
afterAll(async () => t?.close());

/** The newest `n` records, newest first. */
async function newest(n: number): Promise<any[]> {
  const r = await call(t, 'GET', `${AUDIT}?count=${n}`);
  expect(r.status, r.raw).toBe(200);
  return r.response;
}

const total = async (): Promise<number> => (await call(t, 'GET', `${AUDIT}?count=1`)).body.total;

/** Runs a change that must succeed and write exactly one record; returns the answer and the record. */
async function audited(req: () => Promise<ApiResult>, status = 200): Promise<{ res: ApiResult; record: any }> {
  const before = await total();
  t.clock.advance(1000);
  const res = await req();
  expect(res.status, res.raw).toBe(status);
  expect(await total()).toBe(before + 1);
  const [record] = await newest(1);
  expect(record.userId).toBe(w.adminId);
  return { res, record };
}

/** A refused request: the expected status, and not one record written. */
async function unaudited(req: () => Promise<ApiResult>, status: number): Promise<void> {
  const before = await newest(1);
  const count = await total();
  const res = await req();
  expect(res.status, res.raw).toBe(status);
  expect(await total()).toBe(count);
  expect(await newest(1)).toEqual(before);
}

describe('invoice lines', () => {
  let invoiceId: number;
  let firstLineId: number;
  let lineId: number;
  const body = (over: Record<string, unknown> = {}) => ({
    invoiceId, invoiceItemId: w.item2Id, invoiceTax1Id: w.reducedTaxId, sortOrder: 1, description: 'Widgets', quantity: 3, price: '7.70', discount: 5, ...over,
  });

  beforeAll(async () => {
    const inv = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w) });
    expect(inv.status, inv.raw).toBe(201);
    invoiceId = inv.response.id;
    firstLineId = inv.response.invoiceLines[0].id;
  });

  it('POST invoiceline → invoice-line.created with the invoice and every value', async () => {
    const { res, record } = await audited(() => call(t, 'POST', LINES, { json: body() }), 201);
    lineId = res.response.id;
    expect(record).toMatchObject({ action: 'invoice-line.created', targetType: 'invoice-line', targetIds: [lineId] });
    expect(record.changes).toEqual({
      invoiceId: { after: invoiceId }, itemId: { after: w.item2Id }, tax1Id: { after: w.reducedTaxId }, tax2Id: { after: 0 },
      description: { after: 'Widgets' }, quantity: { after: '3.00' }, price: { after: '7.70' }, discount: { after: '5.00' }, sortOrder: { after: 1 },
    });
  });

  it('PUT invoiceline → invoice-line.updated with only the changed values', async () => {
    const { record } = await audited(() => call(t, 'PUT', `${LINES}/${lineId}`, { json: body({ description: 'Blue widgets', quantity: '4.005', invoiceTax1Id: 0 }) }));
    expect(record).toMatchObject({ action: 'invoice-line.updated', targetType: 'invoice-line', targetIds: [lineId] });
    expect(record.changes).toEqual({
      description: { before: 'Widgets', after: 'Blue widgets' },
      quantity: { before: '3.00', after: '4.01' },
      tax1Id: { before: w.reducedTaxId, after: 0 },
    });
  });

  it('DELETE invoiceline → invoice-line.deleted with what the line was', async () => {
    const { record } = await audited(() => call(t, 'DELETE', `${LINES}/${lineId}`));
    expect(record).toMatchObject({ action: 'invoice-line.deleted', targetType: 'invoice-line', targetIds: [lineId] });
    expect(record.changes).toEqual({
      invoiceId: { before: invoiceId }, itemId: { before: w.item2Id }, tax1Id: { before: 0 }, tax2Id: { before: 0 },
      description: { before: 'Blue widgets' }, quantity: { before: '4.01' }, price: { before: '7.70' }, discount: { before: '5.00' }, sortOrder: { before: 1 },
    });
    // The line's history, by target.
    const history = (await call(t, 'GET', `${AUDIT}?targetType=invoice-line&targetId=${lineId}`)).response as any[];
    expect(history.map((r) => r.action)).toEqual(['invoice-line.deleted', 'invoice-line.updated', 'invoice-line.created']);
  });

  it('refusals write no record: the last line (400), a non-admin non-creator (403), a line of another invoice (404), a missing item (400)', async () => {
    await unaudited(() => call(t, 'DELETE', `${LINES}/${firstLineId}`), 400);
    await unaudited(() => call(t, 'POST', LINES, { json: body(), token: user.token }), 403);
    const other = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w) });
    await unaudited(() => call(t, 'PUT', `${LINES}/${firstLineId}`, { json: body({ invoiceId: other.response.id }) }), 404);
    await unaudited(() => call(t, 'POST', LINES, { json: body({ invoiceItemId: 999_999 }) }), 400);
  });
});

describe('invoice items', () => {
  const itemBody = (over: Record<string, unknown> = {}) => ({
    title: 'Audit item', description: 'For the trail', sku: 'AUD-1', price: '12.5', stockQuantity: 3, trackInventory: true, invoiceTax1id: w.vatId, ...over,
  });
  let itemId: number;

  it('POST invoiceitem → invoice-item.created with every value', async () => {
    const { res, record } = await audited(() => call(t, 'POST', ITEMS, { json: itemBody() }), 201);
    itemId = res.response.id;
    expect(record).toMatchObject({ action: 'invoice-item.created', targetType: 'invoice-item', targetIds: [itemId] });
    expect(record.changes).toEqual({
      title: { after: 'Audit item' }, description: { after: 'For the trail' }, sku: { after: 'AUD-1' }, price: { after: '12.50' },
      stockQuantity: { after: '3.00' }, trackInventory: { after: true }, tax1Id: { after: w.vatId }, tax2Id: { after: 0 },
    });
  });

  it('PUT invoiceitem/{id} → invoice-item.updated with only the changed values', async () => {
    const { record } = await audited(() => call(t, 'PUT', `${ITEMS}/${itemId}`, { json: itemBody({ title: 'Audit item v2', price: 15, invoiceTax1id: 0, invoiceTax2id: w.reducedTaxId }) }));
    expect(record).toMatchObject({ action: 'invoice-item.updated', targetType: 'invoice-item', targetIds: [itemId] });
    expect(record.changes).toEqual({
      title: { before: 'Audit item', after: 'Audit item v2' }, price: { before: '12.50', after: '15.00' },
      tax1Id: { before: w.vatId, after: 0 }, tax2Id: { before: 0, after: w.reducedTaxId },
    });
  });

  it('DELETE invoiceitem/{id} → invoice-item.deleted with what the item was', async () => {
    const { record } = await audited(() => call(t, 'DELETE', `${ITEMS}/${itemId}`));
    expect(record).toMatchObject({ action: 'invoice-item.deleted', targetType: 'invoice-item', targetIds: [itemId] });
    expect(record.changes).toEqual({
      title: { before: 'Audit item v2' }, description: { before: 'For the trail' }, sku: { before: 'AUD-1' }, price: { before: '15.00' },
      stockQuantity: { before: '3.00' }, trackInventory: { before: true }, tax1Id: { before: 0 }, tax2Id: { before: w.reducedTaxId },
    });
  });

  it('DELETE invoiceitem (batch) → one invoice-item.deleted per deleted item, each as it was; an item in use is skipped', async () => {
    const a = (await call(t, 'POST', ITEMS, { json: itemBody({ title: 'Batch A', sku: 'B-A' }) })).response.id;
    const b = (await call(t, 'POST', ITEMS, { json: itemBody({ title: 'Batch B', sku: 'B-B', trackInventory: false, stockQuantity: 0, invoiceTax1id: 0 }) })).response.id;
    const res = await call(t, 'DELETE', ITEMS, { json: { ids: [b, w.itemId, a] } });
    expect(res.response.map((i: { id: number }) => i.id)).toEqual([a, b]);
    const newest = (await call(t, 'GET', `${AUDIT}?action=invoice-item.deleted&count=2`)).response as any[];
    expect(newest.map((r) => r.targetIds).sort()).toEqual([[a], [b]]);
    const byId = Object.fromEntries(newest.map((r) => [r.targetIds[0], r.changes]));
    expect(byId[a]).toEqual({ title: { before: 'Batch A' }, description: { before: 'For the trail' }, sku: { before: 'B-A' }, price: { before: '12.50' }, stockQuantity: { before: '3.00' }, trackInventory: { before: true }, tax1Id: { before: w.vatId }, tax2Id: { before: 0 } });
    expect(byId[b].title).toEqual({ before: 'Batch B' });
    // Each item's history ends with its deletion; the item in use has none.
    for (const id of [a, b]) {
      const history = (await call(t, 'GET', `${AUDIT}?targetType=invoice-item&targetId=${id}`)).response as any[];
      expect(history.map((r) => r.action)).toEqual(['invoice-item.deleted', 'invoice-item.created']);
    }
    expect((await call(t, 'GET', `${AUDIT}?action=invoice-item.deleted&targetId=${w.itemId}`)).response).toEqual([]);
  });

  it('refusals write no record: non-admin create (403), an item in use (403), a missing item (404), a missing tax (400), nothing deletable', async () => {
    await unaudited(() => call(t, 'POST', ITEMS, { json: itemBody(), token: user.token }), 403);
    await unaudited(() => call(t, 'DELETE', `${ITEMS}/${w.itemId}`), 403);
    await unaudited(() => call(t, 'PUT', `${ITEMS}/999999`, { json: itemBody() }), 404);
    await unaudited(() => call(t, 'PUT', `${ITEMS}/${w.item2Id}`, { json: itemBody({ invoiceTax1id: 999_999 }) }), 400);
    await unaudited(() => call(t, 'DELETE', ITEMS, { json: { ids: [w.itemId, 999_999] } }), 200);
  });
});

describe('invoice taxes', () => {
  let taxId: number;

  it('POST invoice/tax → invoice-tax.created', async () => {
    const { res, record } = await audited(() => call(t, 'POST', TAXES, { json: { name: 'Audit tax', description: 'Trail', rate: '8.5' } }), 201);
    taxId = res.response.id;
    expect(record).toMatchObject({ action: 'invoice-tax.created', targetType: 'invoice-tax', targetIds: [taxId] });
    expect(record.changes).toEqual({ name: { after: 'Audit tax' }, description: { after: 'Trail' }, rate: { after: '8.50' } });
  });

  it('PUT invoice/tax/{id} → invoice-tax.updated with only the changed values', async () => {
    const { record } = await audited(() => call(t, 'PUT', `${TAXES}/${taxId}`, { json: { name: 'Audit tax', description: 'Trail', rate: 9 } }));
    expect(record).toMatchObject({ action: 'invoice-tax.updated', targetType: 'invoice-tax', targetIds: [taxId] });
    expect(record.changes).toEqual({ rate: { before: '8.50', after: '9.00' } });
  });

  it('refusals write no record: non-admin create (403), a taken name (400), a tax in use (403), a missing tax (404)', async () => {
    await unaudited(() => call(t, 'POST', TAXES, { json: { name: 'Mine', rate: 1 }, token: user.token }), 403);
    await unaudited(() => call(t, 'POST', TAXES, { json: { name: 'AUDIT TAX', rate: 1 } }), 400);
    const other = (await call(t, 'POST', TAXES, { json: { name: 'Audit tax 2', rate: 1 } })).response.id;
    // A clash found by the unique index (on PostgreSQL it aborts the transaction): still no record.
    await unaudited(() => call(t, 'PUT', `${TAXES}/${other}`, { json: { name: 'audit tax', rate: 1 } }), 400);
    await unaudited(() => call(t, 'DELETE', `${TAXES}/${w.vatId}`), 403);
    await unaudited(() => call(t, 'PUT', `${TAXES}/999999`, { json: { name: 'Nope', rate: 1 } }), 404);
    await unaudited(() => call(t, 'DELETE', `${TAXES}/${taxId}`, { token: user.token }), 403);
  });

  it('DELETE invoice/tax/{id} → invoice-tax.deleted with what the tax was', async () => {
    const { record } = await audited(() => call(t, 'DELETE', `${TAXES}/${taxId}`));
    expect(record).toMatchObject({ action: 'invoice-tax.deleted', targetType: 'invoice-tax', targetIds: [taxId] });
    expect(record.changes).toEqual({ name: { before: 'Audit tax' }, description: { before: 'Trail' }, rate: { before: '9.00' } });
  });
});

describe('settings', () => {
  const settingsRecord = (record: any, action: string) => expect(record).toMatchObject({ action, targetType: 'settings', targetIds: [1] });
  const nextValue = async () =>
    Number((await t.deps.store.db.selectFrom('tenant_settings').select('invoice_next_value').where('tenant_id', '=', 1).executeTakeFirstOrThrow()).invoice_next_value);

  it('PUT invoice/settings/name → settings.invoice-numbering-changed; the counter shows when the series restarts', async () => {
    const counter = await nextValue();
    expect(counter).toBeGreaterThan(1); // invoices were numbered from the default series above
    const { record } = await audited(() => call(t, 'PUT', '/api/2.0/crm/invoice/settings/name', { json: { autogenerated: true, prefix: 'AUD-', number: '0100' } }));
    settingsRecord(record, 'settings.invoice-numbering-changed');
    expect(record.changes).toEqual({
      prefix: { before: 'INV-', after: 'AUD-' }, number: { before: '0000001', after: '0100' }, nextValue: { before: counter, after: 100 },
    });
    // Same series, autogeneration off: the counter keeps its place and is not in the record.
    const again = await audited(() => call(t, 'PUT', '/api/2.0/crm/invoice/settings/name', { json: { autogenerated: false, prefix: 'AUD-', number: '0100' } }));
    expect(again.record.changes).toEqual({ autogenerated: { before: true, after: false } });
  });

  it('PUT invoice/settings/terms → settings.invoice-terms-changed', async () => {
    const { record } = await audited(() => call(t, 'PUT', '/api/2.0/crm/invoice/settings/terms', { json: { terms: 'Net 15' } }));
    settingsRecord(record, 'settings.invoice-terms-changed');
    expect(record.changes).toEqual({ terms: { before: '', after: 'Net 15' } });
  });

  it('PUT settings/organisation/base → settings.organisation-name-changed', async () => {
    const { record } = await audited(() => call(t, 'PUT', '/api/2.0/crm/settings/organisation/base', { json: { companyName: 'Audit Ltd' } }));
    settingsRecord(record, 'settings.organisation-name-changed');
    expect(record.changes).toEqual({ companyName: { before: '', after: 'Audit Ltd' } });
  });

  it('PUT settings/organisation/address → settings.organisation-address-changed', async () => {
    const address = { street: '1 Audit Way', city: 'Leeds', state: '', zip: 'LS1', country: 'UK' };
    const { res, record } = await audited(() => call(t, 'PUT', '/api/2.0/crm/settings/organisation/address', { json: address }));
    settingsRecord(record, 'settings.organisation-address-changed');
    expect(record.changes).toEqual({ companyAddress: { before: '', after: res.response } });
    expect(JSON.parse(record.changes.companyAddress.after)).toMatchObject({ type: 'Billing', ...address });
  });

  it('PUT settings/organisation/logo → settings.organisation-logo-changed with the logo id and type, never the image', async () => {
    // A 1×1 transparent PNG, as a multipart file part.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const boundary = '----audit-modules-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = async (): Promise<ApiResult> => {
      const r = await t.app.inject({ method: 'PUT', url: LOGO, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: t.adminToken } });
      return { status: r.statusCode, body: r.json(), response: r.json().response, raw: r.body, headers: r.headers };
    };
    const { res, record } = await audited(upload);
    const logoId = res.response;
    expect(logoId).toBeGreaterThan(0);
    settingsRecord(record, 'settings.organisation-logo-changed');
    expect(record.changes).toEqual({ companyLogoId: { before: 0, after: logoId }, contentType: { before: null, after: 'image/png' } });
    expect(JSON.stringify(record)).not.toContain(png.toString('base64').slice(0, 24));

    const second = await audited(upload);
    expect(second.record.changes).toEqual({ companyLogoId: { before: logoId, after: second.res.response } });

    const reset = await audited(() => call(t, 'PUT', LOGO, { json: { reset: true } }));
    settingsRecord(reset.record, 'settings.organisation-logo-changed');
    expect(reset.record.changes).toEqual({ companyLogoId: { before: second.res.response, after: 0 }, contentType: { before: 'image/png', after: null } });
  });

  it('refusals write no record: non-admins (403), a series starting at a used number (400), a bad logo (400), too long a name (400)', async () => {
    await unaudited(() => call(t, 'PUT', '/api/2.0/crm/invoice/settings/terms', { json: { terms: 'x' }, token: user.token }), 403);
    await unaudited(() => call(t, 'PUT', '/api/2.0/crm/settings/organisation/base', { json: { companyName: 'x' }, token: user.token }), 403);
    await unaudited(() => call(t, 'PUT', '/api/2.0/crm/settings/organisation/address', { json: { city: 'x' }, token: user.token }), 403);
    await unaudited(() => call(t, 'PUT', LOGO, { json: { reset: true }, token: user.token }), 403);
    await unaudited(() => call(t, 'PUT', '/api/2.0/crm/invoice/settings/name', { json: { autogenerated: true, prefix: 'x', number: '1' }, token: user.token }), 403);
    expect((await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { number: 'TAKEN-7' }) })).status).toBe(201);
    await unaudited(() => call(t, 'PUT', '/api/2.0/crm/invoice/settings/name', { json: { autogenerated: true, prefix: 'taken-', number: '7' } }), 400);
    await unaudited(() => call(t, 'PUT', LOGO, { json: { reset: false } }), 400);
    await unaudited(() => call(t, 'PUT', '/api/2.0/crm/settings/organisation/base', { json: { companyName: 'x'.repeat(256) } }), 400);
  });
});

describe('the chain', () => {
  it('stays valid over every record written above', async () => {
    const count = await total();
    expect(count).toBeGreaterThan(20);
    const r = await call(t, 'GET', `${AUDIT}/verify`);
    expect(r.status, r.raw).toBe(200);
    expect(r.response).toMatchObject({ valid: true, checked: count, head: count });
  });
});
