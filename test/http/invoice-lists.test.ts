// GET crm/{contact|person|company|opportunity}/invoicelist/{entityid} (spec §4.5, §3.8): the
// invoices billed to a contact or linked to an opportunity, filtered by CanAccess (creator
// exception applied), by id, the whole list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { insertContact } from '../support/crm-fixtures.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
let user: { id: string; token: string };
let hidden: number; // a private contact the user may not read
let person: number;
const ids: Record<string, number> = {};

async function createInvoice(key: string, over: Record<string, unknown>): Promise<number> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over) });
  expect(r.status, r.raw).toBe(201);
  ids[key] = r.response.id;
  return r.response.id;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  user = await t.createUser();
  hidden = await insertContact(t, { isCompany: true, name: 'Hidden Co', shareType: 0 });
  person = await insertContact(t, { name: 'Pat Person', shareType: 2 });
  await createInvoice('A1', { number: 'L-1', description: 'first' }); // contact ACME
  await createInvoice('B1', { number: 'L-2', contactId: w.consigneeId, consigneeId: w.contactId }); // ACME only as consignee
  await createInvoice('A2', { number: 'L-3', entityId: w.opportunityId }); // ACME, linked to the deal
  await createInvoice('H1', { number: 'L-4', contactId: hidden, entityId: 0 });
  await createInvoice('H2', { number: 'L-5', contactId: hidden });
  await createInvoice('P1', { number: 'L-6', contactId: person });
  // The user created H2 (its contact stays unreadable to them): CanAccess's creator exception.
  await t.deps.store.db.updateTable('invoices').set({ created_by: user.id }).where('id', '=', ids.H2!).execute();
  // H1 is linked to the deal too, although its contact is no member (written directly: the API refuses it).
  await t.deps.store.db.updateTable('invoices').set({ entity_id: w.opportunityId }).where('id', '=', ids.H1!).execute();
});
afterAll(async () => t?.close());

async function list(path: string, token?: string) {
  const r = await call(t, 'GET', `/api/2.0/crm/${path}`, token ? { token } : {});
  expect(r.status, r.raw).toBe(200);
  const found = (r.response as { id: number }[]).map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? `#${i.id}`);
  return { found, body: r.body, response: r.response as any[] };
}

describe('contact, person, company: invoices billed to the contact (not as consignee), by id', () => {
  it('contact', async () => {
    const { found, body, response } = await list(`contact/invoicelist/${w.contactId}`);
    expect(found).toEqual(['A1', 'A2']);
    expect(body).toMatchObject({ count: 2, status: 0, statusCode: 200 });
    expect(body.total).toBeUndefined();
    expect(body.nextIndex).toBeUndefined();
    const a2 = response[1];
    expect(a2).not.toHaveProperty('invoiceLines');
    expect(a2).toMatchObject({
      id: ids.A2, number: 'L-3', status: { id: 1, title: 'Draft' },
      contact: { id: w.contactId }, consignee: null,
      entity: { entityType: 'opportunity', entityId: w.opportunityId },
      currency: { abbreviation: 'EUR' }, canEdit: true, canDelete: true,
    });
  });

  it('person and company are the same list; any letter case; .json', async () => {
    for (const segment of ['person', 'company', 'CONTACT', 'Company', 'pErSoN']) {
      expect((await list(`${segment}/invoicelist/${w.contactId}`)).found, segment).toEqual(['A1', 'A2']);
    }
    expect((await list(`company/invoicelist/${w.consigneeId}.json`)).found).toEqual(['B1']);
    expect((await list(`person/invoicelist/${person}`)).found).toEqual(['P1']);
  });

  it('a contact without invoices, or no contact at all: an empty list without count', async () => {
    const none = await list(`contact/invoicelist/987654`);
    expect(none.found).toEqual([]);
    expect(none.body).toEqual({ status: 0, statusCode: 200, response: [] });
  });
});

describe('opportunity: invoices linked to it, by id', () => {
  it('lists them', async () => {
    expect((await list(`opportunity/invoicelist/${w.opportunityId}`)).found).toEqual(['A2', 'H1']);
    expect((await list(`Opportunity/InvoiceList/${w.opportunityId}`)).found).toEqual(['A2', 'H1']);
    expect((await list(`opportunity/invoicelist/${w.opportunityId + 1000}`)).found).toEqual([]);
  });
});

describe('rights: CanAccess per invoice (spec §3.5 entity lists), creator exception applied', () => {
  it('a non-admin sees invoices whose contact they can read, and those they created', async () => {
    expect((await list(`contact/invoicelist/${w.contactId}`, user.token)).found).toEqual(['A1', 'A2']);
    const own = await list(`contact/invoicelist/${hidden}`, user.token);
    expect(own.found).toEqual(['H2']); // created by the user; H1 is hidden
    expect(own.response[0]).toMatchObject({ contact: null, canEdit: true, canDelete: true }); // the embed never leaks
    expect((await list(`opportunity/invoicelist/${w.opportunityId}`, user.token)).found).toEqual(['A2']);
  });

  it('an admin sees all of them', async () => {
    expect((await list(`contact/invoicelist/${hidden}`)).found).toEqual(['H1', 'H2']);
  });
});

describe('errors', () => {
  it('entityid ≤ 0 → 400', async () => {
    for (const segment of ['contact', 'person', 'company', 'opportunity']) {
      const r = await call(t, 'GET', `/api/2.0/crm/${segment}/invoicelist/0`);
      expect(r.status, segment).toBe(400);
      expect(r.body).toMatchObject({ status: 1, statusCode: 400 });
      expect(r.body.error.message).toMatch(/entityid must be greater than 0/);
    }
  });

  it('an entityid that is not digits, or another entity segment, matches no route → 404', async () => {
    for (const path of ['contact/invoicelist/-1', 'contact/invoicelist/abc', 'case/invoicelist/1', 'invoice/invoicelist/1']) {
      const r = await call(t, 'GET', `/api/2.0/crm/${path}`);
      expect(r.status, path).toBe(404);
      expect(r.body).toMatchObject({ status: 1, statusCode: 404 });
    }
  });

  it('an id beyond the integer range → 400', async () => {
    const r = await call(t, 'GET', '/api/2.0/crm/contact/invoicelist/99999999999');
    expect(r.status).toBe(400);
  });

  it('401 without a token, 403 for a visitor', async () => {
    expect((await call(t, 'GET', `/api/2.0/crm/contact/invoicelist/${w.contactId}`, { token: null })).status).toBe(401);
    const guest = await t.createUser({ isVisitor: true });
    const r = await call(t, 'GET', `/api/2.0/crm/contact/invoicelist/${w.contactId}`, { token: guest.token });
    expect(r.status).toBe(403);
  });
});

describe('queries', () => {
  it('a fixed number of statements whatever the list length', async () => {
    const many = await insertContact(t, { isCompany: true, name: 'Many Invoices', shareType: 1 });
    await createInvoice('M0', { number: 'M-0', contactId: many });
    const statements = async () => {
      const before = t.deps.store.queryCount;
      const r = await list(`contact/invoicelist/${many}`, user.token);
      return { n: t.deps.store.queryCount - before, length: r.found.length };
    };
    const one = await statements();
    for (let i = 1; i < 12; i++) await createInvoice(`M${i}`, { number: `M-${i}`, contactId: many });
    const twelve = await statements();
    expect(one.length).toBe(1);
    expect(twelve.length).toBe(12);
    expect(twelve.n).toBe(one.n);
  });
});
