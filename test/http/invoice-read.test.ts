// GET invoice/{id} on the fast path of issue 7 ("read"): a fixed, small number of statements
// whatever the invoice holds, the same answer as before (embeds follow the reader's rights), and
// token checks that still hit the database on every request, so revocation is immediate for
// every process sharing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { openStore, type Store } from '../../src/store/database.js';
import type { App } from '../../src/http/app-type.js';
import { call } from '../support/api.js';
import { insertContact } from '../support/crm-fixtures.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t.close());

async function createInvoice(body: Record<string, unknown>, token = t.adminToken): Promise<number> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: body, token });
  expect(r.status, r.raw).toBe(201);
  return r.response.id as number;
}

async function statementsOfGet(id: number, token = t.adminToken): Promise<{ n: number; status: number; response: any }> {
  const before = t.deps.store.queryCount;
  const r = await call(t, 'GET', `/api/2.0/crm/invoice/${id}`, { token });
  return { n: t.deps.store.queryCount - before, status: r.status, response: r.response };
}

describe('statements per GET invoice/{id}', () => {
  it('three (token, header with contacts and users, lines with tax rates), whatever the lines and access lists', async () => {
    const one = await createInvoice(invoiceBody(w, { number: 'READ-1' }));
    const lines = Array.from({ length: 25 }, (_, i) => ({ invoiceItemID: i % 2 ? w.itemId : w.item2Id, invoiceTax1ID: w.vatId, invoiceTax2ID: i % 3 ? w.reducedTaxId : 0, quantity: i + 1, price: '7.70' }));
    const a = await t.createUser();
    const b = await t.createUser();
    const privateContact = await insertContact(t, { isCompany: true, name: 'Private Read Co', shareType: 0, accessList: [a.id, b.id] });
    const privateConsignee = await insertContact(t, { isCompany: true, name: 'Private Consignee Co', shareType: 0, accessList: [b.id] });
    const many = await createInvoice(invoiceBody(w, { number: 'READ-2', contactId: privateContact, consigneeId: privateConsignee, invoiceLines: lines }));

    const small = await statementsOfGet(one);
    const big = await statementsOfGet(many);
    expect(small.status).toBe(200);
    expect(big.status).toBe(200);
    expect(small.n).toBe(3);
    expect(big.n).toBe(3);
    expect(big.response.invoiceLines).toHaveLength(25);
    // The access lists and their users came with the header statement.
    expect(big.response.contact.accessList.map((e: { id: string }) => e.id).sort()).toEqual([a.id, b.id].sort());
    expect(big.response.consignee.accessList.map((e: { id: string }) => e.id)).toEqual([b.id]);
    expect(big.response.contact.accessList.every((e: { displayName: string }) => e.displayName === 'Test User')).toBe(true);
  });

  it('three more when the invoice is linked to an opportunity (its row, members and access list)', async () => {
    const id = await createInvoice(invoiceBody(w, { number: 'READ-3', entityType: 'opportunity', entityId: w.opportunityId }));
    const r = await statementsOfGet(id);
    expect(r.status).toBe(200);
    expect(r.response.entity).toMatchObject({ entityType: 'opportunity', entityId: w.opportunityId });
    expect(r.n).toBe(6);
  });

  it('answers what the list shows for the same invoice (same embeds, cost and rights)', async () => {
    const id = await createInvoice(invoiceBody(w, {
      number: 'READ-4', consigneeId: w.consigneeId,
      invoiceLines: [
        { invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, invoiceTax2ID: w.reducedTaxId, quantity: 2, price: 100, discount: 10 },
        { invoiceItemID: w.item2Id, invoiceTax2ID: w.reducedTaxId, quantity: 3, price: '7.70', discount: 5 },
      ],
    }));
    const one = (await call(t, 'GET', `/api/2.0/crm/invoice/${id}`)).response;
    const listed = (await call(t, 'GET', `/api/2.0/crm/invoice/filter?number=READ-4`)).response as any[];
    const fromList = listed.find((i) => i.id === id);
    expect(fromList).toBeDefined();
    const { invoiceLines, ...base } = one;
    expect(base).toStrictEqual(fromList);
    expect(invoiceLines).toHaveLength(2);
    expect(invoiceLines.map((l: { sortOrder: number }) => l.sortOrder)).toEqual([0, 1]);
  });

  it('still 404 for a missing invoice and for another tenant\'s, in at most three statements', async () => {
    const missing = await statementsOfGet(987_654);
    expect(missing.status).toBe(404);
    expect(missing.n).toBeLessThanOrEqual(3);
  });
});

describe('token checks stay immediate (no cache in the process)', () => {
  let second: { app: App; store: Store };

  beforeAll(async () => {
    // A second "process": its own store and app on the same database.
    const store = await openStore(t.deps.config.database, { migrate: false });
    const { app } = await buildApp({ ...t.deps, store });
    second = { app, store };
  });
  afterAll(async () => {
    await second.app.close();
    await second.store.close();
  });

  const getVia = async (app: App, token: string, id: number) =>
    (await app.inject({ method: 'GET', url: `/api/2.0/crm/invoice/${id}`, headers: { authorization: token } })).statusCode;

  it('a logout in one process refuses the token in the other at once', async () => {
    const id = await createInvoice(invoiceBody(w, { number: 'READ-5' }));
    const token = await t.login('admin@example.test', 'admin-password-1');
    expect(await getVia(t.app, token, id)).toBe(200);
    expect(await getVia(second.app, token, id)).toBe(200);
    const out = await second.app.inject({ method: 'POST', url: '/api/2.0/authentication/logout', headers: { authorization: token } });
    expect(out.statusCode).toBe(201);
    expect(await getVia(t.app, token, id)).toBe(401);
    expect(await getVia(second.app, token, id)).toBe(401);
    expect(await getVia(t.app, t.adminToken, id)).toBe(200);
  });

  it('disabling a user in one process refuses their tokens in both at once', async () => {
    const u = await t.createUser({ isAdmin: true });
    const id = await createInvoice(invoiceBody(w, { number: 'READ-6' }), u.token);
    expect(await getVia(t.app, u.token, id)).toBe(200);
    expect(await getVia(second.app, u.token, id)).toBe(200);
    const off = await second.app.inject({ method: 'PUT', url: '/api/2.0/people/status/Terminated', headers: { authorization: t.adminToken }, payload: { userIds: [u.id] } });
    expect(off.statusCode, off.body).toBe(200);
    expect(await getVia(t.app, u.token, id)).toBe(401);
    expect(await getVia(second.app, u.token, id)).toBe(401);
    const on = await t.app.inject({ method: 'PUT', url: '/api/2.0/people/status/Active', headers: { authorization: t.adminToken }, payload: { userIds: [u.id] } });
    expect(on.statusCode, on.body).toBe(200);
    // Disabling revoked the old tokens for good; a new login works in either process.
    expect(await getVia(second.app, u.token, id)).toBe(401);
    expect(await getVia(second.app, await t.login(u.email, 'user-password-1'), id)).toBe(200);
  });

  it('a user who loses admin rights loses access at once (rights come with each token check)', async () => {
    const u = await t.createUser({ isAdmin: true });
    const hidden = await insertContact(t, { isCompany: true, name: 'Hidden Read Co', shareType: 0 });
    const id = await createInvoice(invoiceBody(w, { number: 'READ-7', contactId: hidden }));
    expect(await getVia(second.app, u.token, id)).toBe(200);
    const demote = await t.app.inject({ method: 'PUT', url: `/api/2.0/people/${u.id}`, headers: { authorization: t.adminToken }, payload: { isAdmin: false } });
    expect(demote.statusCode, demote.body).toBe(200);
    expect(await getVia(second.app, u.token, id)).toBe(403);
  });
});
