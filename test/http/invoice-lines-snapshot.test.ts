// The snapshot refresh of line operations (spec §3.2, DECISIONS Q6): rows, footer and total rebuilt
// from the lines in the same transaction, every other stored member kept, the PDF reset, the
// invoice marked changed; and concurrent line operations on one invoice that do not interleave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshSnapshotTable } from '../../src/use-cases/invoices/refresh-snapshot.js';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const LINES = '/api/2.0/crm/invoiceline';
const TABLE = ['TableBodyRows', 'TableFooterRows', 'TableTotalRow'];

let t: TestApp;
let w: World;
let vatName: string;
let reducedName: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const taxes = await t.deps.store.db.selectFrom('invoice_taxes').select(['id', 'name']).execute();
  vatName = taxes.find((x) => Number(x.id) === w.vatId)!.name;
  reducedName = taxes.find((x) => Number(x.id) === w.reducedTaxId)!.name;
});
afterAll(async () => t?.close());

async function newInvoice(over: Record<string, unknown> = {}): Promise<{ id: number; lineId: number; number: string }> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over) });
  expect(r.status, r.raw).toBe(201);
  return { id: r.response.id, lineId: r.response.invoiceLines[0].id, number: r.response.number };
}

/** A Draft with every header part the snapshot has: consignee, both addresses, PO number, notes. */
const fullHeader = () => ({
  consigneeId: w.consigneeId, billingAddressID: w.billingAddressId, deliveryAddressID: w.consigneeDeliveryAddressId,
  purchaseOrderNumber: 'PO-9', description: 'Thanks',
});

async function invoiceRow(id: number) {
  const r = await t.deps.store.db.selectFrom('invoices').select(['json_data', 'file_id', 'updated_at', 'updated_by']).where('id', '=', id).executeTakeFirstOrThrow();
  return { snapshot: r.json_data === '' ? null : JSON.parse(r.json_data), fileId: Number(r.file_id), updatedAt: Number(r.updated_at), updatedBy: r.updated_by };
}

const headerOf = (snapshot: Record<string, unknown>) => Object.fromEntries(Object.entries(snapshot).filter(([k]) => !TABLE.includes(k)));
const costOf = async (id: number) => (await call(t, 'GET', `/api/2.0/crm/invoice/${id}`)).response.cost as number;

/** Marks the PDF as generated and moves the clock, so the next change must reset and bump them. */
async function beforeChange(id: number) {
  await t.deps.store.db.updateTable('invoices').set({ file_id: 42 }).where('id', '=', id).execute();
  t.clock.advance(60_000);
}

async function expectChanged(id: number, byUserId: string) {
  const row = await invoiceRow(id);
  expect(row.fileId).toBe(0);
  expect(row.updatedAt).toBe(t.clock.now());
  expect(row.updatedBy).toBe(byUserId);
}

describe('each line operation rebuilds the snapshot table and keeps the rest', () => {
  it('POST, PUT, DELETE: rows in sortOrder, footer per tax in first-use order, total; header untouched; cost follows', async () => {
    const inv = await newInvoice(fullHeader());
    const created = (await invoiceRow(inv.id)).snapshot;
    const rowA = ['Consulting', '2.00', '100.00', '10.00', vatName, '', '180.00'];
    expect(created.TableBodyRows).toEqual([rowA]);

    // POST: a Widget line with both taxes, after line A (sortOrder 5 > 0).
    await beforeChange(inv.id);
    const added = await call(t, 'POST', LINES, {
      json: { invoiceId: inv.id, invoiceItemId: w.item2Id, invoiceTax1Id: w.reducedTaxId, invoiceTax2Id: w.vatId, quantity: 3, price: '7.70', description: 'Blue', sortOrder: 5 },
    });
    expect(added.status, added.raw).toBe(201);
    let snap = (await invoiceRow(inv.id)).snapshot;
    expect(headerOf(snap)).toEqual(headerOf(created));
    expect(Object.keys(snap)).toEqual(Object.keys(created)); // member order kept
    expect(snap.TableBodyRows).toEqual([rowA, ['Widget: Blue', '3.00', '7.70', '0.00', reducedName, vatName, '23.10']]);
    expect(snap.TableFooterRows).toEqual([
      { Item1: 'Subtotal', Item2: '203.10' },
      { Item1: `${vatName} (20.00%)`, Item2: '40.62' }, // 36.00 + 4.62
      { Item1: `${reducedName} (7.00%)`, Item2: '1.62' }, // 1.617
    ]);
    expect(snap.TableTotalRow).toEqual({ Item1: 'Invoice Total (EUR)', Item2: '245.34' }); // 216.00 + 23.10 + round(6.237)
    await expectChanged(inv.id, w.adminId);
    expect(await costOf(inv.id)).toBe(245.34);

    // PUT: the Widget line becomes a half-price Consulting line without taxes, moved first (sortOrder -1).
    await beforeChange(inv.id);
    const put = await call(t, 'PUT', `${LINES}/${added.response.id}`, {
      json: { invoiceId: inv.id, invoiceItemId: w.itemId, quantity: 1, price: 50, discount: 50, sortOrder: -1 },
    });
    expect(put.status, put.raw).toBe(200);
    snap = (await invoiceRow(inv.id)).snapshot;
    expect(headerOf(snap)).toEqual(headerOf(created));
    expect(snap.TableBodyRows).toEqual([['Consulting', '1.00', '50.00', '50.00', '', '', '25.00'], rowA]);
    expect(snap.TableFooterRows).toEqual([{ Item1: 'Subtotal', Item2: '205.00' }, { Item1: `${vatName} (20.00%)`, Item2: '36.00' }]);
    expect(snap.TableTotalRow).toEqual({ Item1: 'Invoice Total (EUR)', Item2: '241.00' });
    await expectChanged(inv.id, w.adminId);
    expect(await costOf(inv.id)).toBe(241);

    // DELETE line A: only the untaxed line is left.
    await beforeChange(inv.id);
    const del = await call(t, 'DELETE', `${LINES}/${inv.lineId}`);
    expect(del.status, del.raw).toBe(200);
    snap = (await invoiceRow(inv.id)).snapshot;
    expect(headerOf(snap)).toEqual(headerOf(created));
    expect(snap.TableBodyRows).toEqual([['Consulting', '1.00', '50.00', '50.00', '', '', '25.00']]);
    expect(snap.TableFooterRows).toEqual([{ Item1: 'Subtotal', Item2: '25.00' }]);
    expect(snap.TableTotalRow).toEqual({ Item1: 'Invoice Total (EUR)', Item2: '25.00' });
    await expectChanged(inv.id, w.adminId);
    expect(await costOf(inv.id)).toBe(25);
  });

  it('keeps the stored header members as they are, not as they would be rebuilt now', async () => {
    const inv = await newInvoice(fullHeader());
    const stored = (await invoiceRow(inv.id)).snapshot;
    const edited = {
      ...stored,
      Seller: { Item1: 'Seller', Item2: 'Seller as issued' },
      Number: { Item1: 'Invoice', Item2: 'MARKER-1' },
      Customer: { Item1: 'Bill To', Item2: 'Customer as issued' },
      TableHeaderRow: ['I', 'Q', 'P', 'D', 'T', 'T', 'A'],
      BillingAddressID: 4242,
      DeliveryAddressID: 4343,
    };
    await t.deps.store.db.updateTable('invoices').set({ json_data: JSON.stringify(edited) }).where('id', '=', inv.id).execute();
    const r = await call(t, 'POST', LINES, { json: { invoiceId: inv.id, invoiceItemId: w.item2Id, quantity: 1, price: 2 } });
    expect(r.status, r.raw).toBe(201);
    const snap = (await invoiceRow(inv.id)).snapshot;
    expect(headerOf(snap)).toEqual(headerOf(edited));
    expect(snap.TableBodyRows).toHaveLength(2);
  });

  it('uses the current item titles and tax names and rates of a Draft', async () => {
    const inv = await newInvoice();
    const db = t.deps.store.db;
    const item = await db.insertInto('invoice_items').values({
      tenant_id: 1, title: 'Old title', description: '', sku: `SKU-${inv.id}`, price: 100, stock_quantity: 0, track_inventory: 0, tax1_id: 0, tax2_id: 0,
      created_by: w.adminId, created_at: 0, updated_by: w.adminId, updated_at: 0,
    }).returning('id').executeTakeFirstOrThrow();
    const tax = await db.insertInto('invoice_taxes').values({
      tenant_id: 1, name: `Temp ${inv.id}`, name_key: `temp ${inv.id}`, description: '', rate: 1000,
      created_by: w.adminId, created_at: 0, updated_by: w.adminId, updated_at: 0,
    }).returning('id').executeTakeFirstOrThrow();
    const body = { invoiceId: inv.id, invoiceItemId: Number(item.id), invoiceTax1Id: Number(tax.id), quantity: 1, price: 10 };
    const added = await call(t, 'POST', LINES, { json: body });
    expect(added.status, added.raw).toBe(201);
    let snap = (await invoiceRow(inv.id)).snapshot;
    expect(snap.TableBodyRows[1]).toEqual(['Old title', '1.00', '10.00', '0.00', `Temp ${inv.id}`, '', '10.00']);
    expect(snap.TableFooterRows[2]).toEqual({ Item1: `Temp ${inv.id} (10.00%)`, Item2: '1.00' });

    await db.updateTable('invoice_items').set({ title: 'New title' }).where('id', '=', Number(item.id)).execute();
    await db.updateTable('invoice_taxes').set({ name: `Renamed ${inv.id}`, rate: 2500 }).where('id', '=', Number(tax.id)).execute();
    const put = await call(t, 'PUT', `${LINES}/${added.response.id}`, { json: body });
    expect(put.status, put.raw).toBe(200);
    snap = (await invoiceRow(inv.id)).snapshot;
    expect(snap.TableBodyRows[1]).toEqual(['New title', '1.00', '10.00', '0.00', `Renamed ${inv.id}`, '', '10.00']);
    expect(snap.TableFooterRows[2]).toEqual({ Item1: `Renamed ${inv.id} (25.00%)`, Item2: '2.50' });
    expect(snap.TableTotalRow.Item2).toBe('228.50'); // 216.00 + 12.50
  });

  it('keeps its own arithmetic (§3.2): rates added and rounded once per line, so the total may differ from cost', async () => {
    const five = (await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: `Five ${Date.now()}`, rate: 5 } })).response;
    const inv = await newInvoice();
    const r = await call(t, 'POST', LINES, { json: { invoiceId: inv.id, invoiceItemId: w.itemId, invoiceTax1Id: five.id, invoiceTax2Id: five.id, quantity: 1, price: '0.10' } });
    expect(r.status, r.raw).toBe(201);
    const snap = (await invoiceRow(inv.id)).snapshot;
    // One footer row per distinct tax: round(0.005) + round(0.005) = 0.00.
    expect(snap.TableFooterRows).toEqual([
      { Item1: 'Subtotal', Item2: '180.10' },
      { Item1: `${vatName} (20.00%)`, Item2: '36.00' },
      { Item1: `${five.name} (5.00%)`, Item2: '0.00' },
    ]);
    expect(snap.TableTotalRow.Item2).toBe('216.11'); // 216.00 + round(0.10 + 0.01)
    expect(await costOf(inv.id)).toBe(216.1); // 216.00 + 0.10 + 0.00 + 0.00
  });

  it('a non-admin creator is recorded as the last editor', async () => {
    const user = await t.createUser();
    const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w), token: user.token });
    expect(r.status, r.raw).toBe(201);
    const id = r.response.id as number;
    await beforeChange(id);
    expect((await call(t, 'POST', LINES, { json: { invoiceId: id, invoiceItemId: w.itemId, quantity: 1 }, token: user.token })).status).toBe(201);
    await expectChanged(id, user.id);
  });

  it('an invoice without a stored snapshot (spec Q1) gets a whole one, built from its row', async () => {
    const inv = await newInvoice(fullHeader());
    const created = (await invoiceRow(inv.id)).snapshot;
    await t.deps.store.db.updateTable('invoices').set({ json_data: '' }).where('id', '=', inv.id).execute();
    const r = await call(t, 'POST', LINES, { json: { invoiceId: inv.id, invoiceItemId: w.item2Id, quantity: 1, price: 2 } });
    expect(r.status, r.raw).toBe(201);
    const snap = (await invoiceRow(inv.id)).snapshot;
    expect(Object.keys(snap)).toEqual(Object.keys(created));
    expect(headerOf(snap)).toEqual(headerOf(created));
    expect(snap.Number).toEqual({ Item1: 'Invoice', Item2: inv.number });
    expect(snap.BillingAddressID).toBe(w.billingAddressId);
    expect(snap.TableBodyRows).toEqual([['Consulting', '2.00', '100.00', '10.00', vatName, '', '180.00'], ['Widget', '1.00', '2.00', '0.00', '', '', '2.00']]);
  });

  it('refused operations leave the snapshot, file id and last change alone', async () => {
    const inv = await newInvoice();
    await beforeChange(inv.id);
    const before = await invoiceRow(inv.id);
    expect((await call(t, 'DELETE', `${LINES}/${inv.lineId}`)).status).toBe(400);
    expect((await call(t, 'POST', LINES, { json: { invoiceId: inv.id, invoiceItemId: 888_888 } })).status).toBe(400);
    expect((await call(t, 'PUT', `${LINES}/${inv.lineId}`, { json: { invoiceId: inv.id, invoiceItemId: w.itemId, invoiceTax1Id: 777_777 } })).status).toBe(400);
    expect(await invoiceRow(inv.id)).toEqual(before);
  });
});

describe('refreshSnapshotTable (reused by other invoice use cases)', () => {
  it('prints an issued invoice with what its lines were issued with (frozen), not the catalogue', async () => {
    const inv = await newInvoice();
    const db = t.deps.store.db;
    await db.updateTable('invoices').set({ status: 2 }).where('id', '=', inv.id).execute();
    await db.updateTable('invoice_lines')
      .set({ item_title: 'Consulting (as issued)', tax1_name: 'VAT (as issued)', tax1_rate: 1900 })
      .where('id', '=', inv.lineId).execute();
    const lines = await db.transaction().execute((trx) => refreshSnapshotTable(trx, 1, inv.id, { userId: w.adminId, now: t.clock.now() }));
    expect(lines.map((l) => l.id)).toEqual([inv.lineId]);
    const snap = (await invoiceRow(inv.id)).snapshot;
    expect(snap.TableBodyRows).toEqual([['Consulting (as issued)', '2.00', '100.00', '10.00', 'VAT (as issued)', '', '180.00']]);
    expect(snap.TableFooterRows).toEqual([{ Item1: 'Subtotal', Item2: '180.00' }, { Item1: 'VAT (as issued) (19.00%)', Item2: '34.20' }]);
    expect(snap.TableTotalRow.Item2).toBe('214.20');
  });

  it('is undone with its transaction', async () => {
    const inv = await newInvoice();
    await beforeChange(inv.id);
    const before = await invoiceRow(inv.id);
    await t.deps.store.db.updateTable('invoices').set({ json_data: JSON.stringify({ ...before.snapshot, TableBodyRows: [] }) }).where('id', '=', inv.id).execute();
    const mid = await invoiceRow(inv.id);
    await expect(
      t.deps.store.db.transaction().execute(async (trx) => {
        await refreshSnapshotTable(trx, 1, inv.id, { userId: w.adminId, now: t.clock.now() });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await invoiceRow(inv.id)).toEqual(mid);
  });
});

describe('concurrent line operations on one invoice do not interleave', () => {
  it('12 concurrent adds: every line is in the snapshot, the total matches the cost', async () => {
    const inv = await newInvoice();
    const body = { invoiceId: inv.id, invoiceItemId: w.item2Id, invoiceTax1Id: w.reducedTaxId, quantity: 3, price: '7.70' };
    const results = await Promise.all(Array.from({ length: 12 }, () => call(t, 'POST', LINES, { json: body })));
    for (const r of results) expect(r.status, r.raw).toBe(201);
    const snap = (await invoiceRow(inv.id)).snapshot;
    expect(snap.TableBodyRows).toHaveLength(13);
    // Each added line: net 23.10, 7 % = 1.617 → 1.62, amount 24.72.
    expect(snap.TableFooterRows).toEqual([
      { Item1: 'Subtotal', Item2: '457.20' },
      { Item1: `${vatName} (20.00%)`, Item2: '36.00' },
      { Item1: `${reducedName} (7.00%)`, Item2: '19.44' },
    ]);
    expect(snap.TableTotalRow.Item2).toBe('512.64');
    expect(await costOf(inv.id)).toBe(512.64);
  });

  it('deleting every line at once: all but one succeed, one is refused as the last line', async () => {
    const line = { invoiceItemID: w.itemId, quantity: 1, price: 1 };
    const inv = await newInvoice({ invoiceLines: [line, line, line, line] });
    const ids = (await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`)).response.invoiceLines.map((l: { id: number }) => l.id) as number[];
    const results = await Promise.all(ids.map((id) => call(t, 'DELETE', `${LINES}/${id}`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 400]);
    const left = (await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`)).response.invoiceLines;
    expect(left).toHaveLength(1);
    expect((await invoiceRow(inv.id)).snapshot.TableBodyRows).toEqual([['Consulting', '1.00', '1.00', '0.00', '', '', '1.00']]);
  });

  it('adds, replacements and deletes mixed: the snapshot matches the lines left', async () => {
    const line = { invoiceItemID: w.itemId, quantity: 1, price: 1 };
    const inv = await newInvoice({ invoiceLines: [line, line, line] });
    const ids = (await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`)).response.invoiceLines.map((l: { id: number }) => l.id) as number[];
    const ops = [
      ...Array.from({ length: 4 }, () => call(t, 'POST', LINES, { json: { invoiceId: inv.id, invoiceItemId: w.item2Id, quantity: 2, price: 3 } })),
      call(t, 'PUT', `${LINES}/${ids[0]}`, { json: { invoiceId: inv.id, invoiceItemId: w.itemId, quantity: 5, price: 1 } }),
      call(t, 'DELETE', `${LINES}/${ids[1]}`),
      call(t, 'DELETE', `${LINES}/${ids[2]}`),
    ];
    for (const r of await Promise.all(ops)) expect(r.status, r.raw).toBeLessThan(300);
    const snap = (await invoiceRow(inv.id)).snapshot;
    expect(snap.TableBodyRows).toEqual([
      ['Consulting', '5.00', '1.00', '0.00', '', '', '5.00'],
      ...Array.from({ length: 4 }, () => ['Widget', '2.00', '3.00', '0.00', '', '', '6.00']),
    ]);
    expect(snap.TableTotalRow.Item2).toBe('29.00');
    expect(await costOf(inv.id)).toBe(29);
  });
});
