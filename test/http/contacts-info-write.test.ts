// PUT crm/contact/{contactid}/data/{id}, DELETE crm/contact/{contactid}/data/{id} and
// PUT crm/contact/{contactid}/addressdata/{id} (spec §6.3, §3.9), with their audit records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let user: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  user = await t.createUser();
});
afterAll(async () => t?.close());

async function infos() {
  return t.deps.store.db.selectFrom('contact_infos').selectAll().orderBy('id').execute();
}

async function expectRefused(status: number, message: RegExp | string, request: () => ReturnType<typeof call>) {
  const before = await infos();
  const res = await request();
  expect(res.status, res.raw).toBe(status);
  expect(res.body).toMatchObject({ status: 1, statusCode: status });
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else expect(res.body.error.message).toMatch(message);
  expect(await infos()).toEqual(before);
}

async function newContact(json: Record<string, unknown> = { shareType: 1 }) {
  const res = await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Info Co', ...json } });
  expect(res.status, res.raw).toBe(201);
  return res.response.id as number;
}
async function addInfo(contactId: number, json: Record<string, unknown>) {
  const res = await call(t, 'POST', `/api/2.0/crm/contact/${contactId}/data`, { json });
  expect(res.status, res.raw).toBe(201);
  return res.response as { id: number; data: string };
}
async function addAddress(contactId: number, address: Record<string, unknown>) {
  const res = await call(t, 'POST', `/api/2.0/crm/contact/${contactId}/addressdata`, { json: { address } });
  expect(res.status, res.raw).toBe(201);
  return res.response as { id: number; data: string };
}
const auditOf = async (id: number) =>
  (await call(t, 'GET', `/api/2.0/crm/audit?targetType=contact-info&targetId=${id}`)).response as { action: string; changes: Record<string, unknown> }[];

describe('PUT crm/contact/{contactid}/data/{id}', () => {
  it('replaces the data and keeps infoType, category and isPrimary when absent; audited', async () => {
    const c = await newContact();
    const phone = await addInfo(c, { infoType: 'Phone', category: 'Mobile', data: '111', isPrimary: true });
    const res = await call(t, 'PUT', `/api/2.0/crm/contact/${c}/data/${phone.id}`, { form: 'data=222' });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(res.response).toEqual({ id: phone.id, infoType: 0, category: 2, data: '222', categoryName: 'Mobile', isPrimary: true });
    const listed = (await call(t, 'GET', `/api/2.0/crm/contact/${c}/data`)).response;
    expect(listed).toEqual([res.response]);
    const [updated] = await auditOf(phone.id);
    expect(updated).toMatchObject({ action: 'contact-info.updated', changes: { data: { before: '111', after: '222' } } });
  });

  it('changes type and category (by name or number, or category alone) and the primary flag', async () => {
    const c = await newContact();
    const info = await addInfo(c, { infoType: 'Phone', category: 'Fax', data: '333' });
    const email = await call(t, 'PUT', `/api/2.0/crm/contact/${c}/data/${info.id}`, { json: { infoType: 'Email', category: 'work', data: 'a@b.test', isPrimary: true } });
    expect(email.status, email.raw).toBe(200);
    expect(email.response).toMatchObject({ infoType: 1, category: 1, categoryName: 'Work', data: 'a@b.test', isPrimary: true });
    const cat = await call(t, 'PUT', `/api/2.0/crm/contact/${c}/data/${info.id}`, { json: { category: 2, data: 'a@b.test', isPrimary: false } });
    expect(cat.response).toMatchObject({ infoType: 1, category: 2, categoryName: 'Other', isPrimary: false });
  });

  it('turns information into an address stored in the addressdata form', async () => {
    const c = await newContact();
    const info = await addInfo(c, { infoType: 'Website', data: 'x.test' });
    const res = await call(t, 'PUT', `/api/2.0/crm/contact/${c}/data/${info.id}`, { json: { infoType: 'Address', category: 'Billing', data: '{"Street":"1 Main","city":"Riga"}' } });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ infoType: 7, category: 3, categoryName: 'Billing' });
    expect(JSON.parse(res.response.data)).toEqual({ street: '1 Main', city: 'Riga', state: '', zip: '', country: '', category: 3, categoryName: 'Billing' });
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${c}`)).response.addresses).toEqual([
      { street: '1 Main', city: 'Riga', state: '', zip: '', country: '', category: 3, categoryName: 'Billing' },
    ]);
  });

  it('refuses with the rules of POST data and writes nothing', async () => {
    const c = await newContact();
    const other = await newContact();
    const info = await addInfo(c, { infoType: 'Phone', category: 'Direct', data: '1' });
    const foreign = await addInfo(other, { infoType: 'Email', data: 'o@x.test' });
    const url = `/api/2.0/crm/contact/${c}/data/${info.id}`;
    await expectRefused(400, 'data: is required', () => call(t, 'PUT', url, { json: { infoType: 1 } }));
    await expectRefused(400, 'data: is required', () => call(t, 'PUT', url, { form: 'data=++' }));
    await expectRefused(400, /^id: must be a positive/, () => call(t, 'PUT', `/api/2.0/crm/contact/${c}/data/0`, { json: { data: 'x' } }));
    await expectRefused(400, /^contactid: must be a positive/, () => call(t, 'PUT', `/api/2.0/crm/contact/0/data/${info.id}`, { json: { data: 'x' } }));
    await expectRefused(404, 'Contact 999999 not found', () => call(t, 'PUT', `/api/2.0/crm/contact/999999/data/${info.id}`, { json: { data: 'x' } }));
    await expectRefused(404, `Contact information ${foreign.id} not found`, () => call(t, 'PUT', `/api/2.0/crm/contact/${c}/data/${foreign.id}`, { json: { data: 'x' } }));
    await expectRefused(404, 'Contact information 999999 not found', () => call(t, 'PUT', `/api/2.0/crm/contact/${c}/data/999999`, { json: { data: 'x' } }));
    await expectRefused(400, /^infoType: 42 is not a contact information type/, () => call(t, 'PUT', url, { json: { infoType: 42, data: 'x' } }));
    await expectRefused(400, /^category: "Mobile" is not a category of this information type/, () => call(t, 'PUT', url, { json: { infoType: 'Email', category: 'Mobile', data: 'x' } }));
    // Direct (4) is a phone category; an e-mail has only Home, Work, Other.
    await expectRefused(400, /^category: the current category 4 is not a category of information type 1/, () => call(t, 'PUT', url, { json: { infoType: 'Email', data: 'x' } }));
    await expectRefused(400, /^data: an address must be a JSON object/, () => call(t, 'PUT', url, { json: { infoType: 'Address', category: 'Home', data: 'Main St' } }));
    expect((await call(t, 'PUT', `/api/2.0/crm/contact/${c}/data/abc`, { json: { data: 'x' } })).status).toBe(404);
  });

  it('answers 404 to a caller who may read but not edit the contact, and to one who may not read it', async () => {
    const readOnly = await newContact({ shareType: 2 });
    const priv = await newContact({ shareType: 0 });
    for (const c of [readOnly, priv]) {
      const info = await addInfo(c, { infoType: 'Email', data: 'x@y.test' });
      await expectRefused(404, `Contact ${c} not found`, () => call(t, 'PUT', `/api/2.0/crm/contact/${c}/data/${info.id}`, { token: user.token, json: { data: 'new@y.test' } }));
      await expectRefused(404, `Contact ${c} not found`, () => call(t, 'DELETE', `/api/2.0/crm/contact/${c}/data/${info.id}`, { token: user.token }));
    }
    const managed = await newContact({ shareType: 0, managerList: [user.id] });
    const info = await addInfo(managed, { infoType: 'Email', data: 'x@y.test' });
    const ok = await call(t, 'PUT', `/api/2.0/crm/contact/${managed}/data/${info.id}`, { token: user.token, json: { data: 'm@y.test' } });
    expect(ok.status, ok.raw).toBe(200);
  });
});

describe('DELETE crm/contact/{contactid}/data/{id}', () => {
  it('deletes the information and answers it; audited', async () => {
    const c = await newContact();
    const info = await addInfo(c, { infoType: 'Skype', data: 'acme.sales' });
    const res = await call(t, 'DELETE', `/api/2.0/crm/contact/${c}/data/${info.id}`);
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toEqual({ id: info.id, infoType: 3, category: 0, data: 'acme.sales', categoryName: 'Home', isPrimary: false });
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${c}/data`)).response).toEqual([]);
    const [deleted] = await auditOf(info.id);
    expect(deleted).toMatchObject({ action: 'contact-info.deleted', changes: { data: { before: 'acme.sales' }, infoType: { before: 3 } } });
  });

  it('refuses another contact\'s information, a missing one, and non-positive ids', async () => {
    const c = await newContact();
    const other = await newContact();
    const foreign = await addInfo(other, { infoType: 'Email', data: 'o@x.test' });
    await expectRefused(404, `Contact information ${foreign.id} not found`, () => call(t, 'DELETE', `/api/2.0/crm/contact/${c}/data/${foreign.id}`));
    await expectRefused(404, 'Contact information 999999 not found', () => call(t, 'DELETE', `/api/2.0/crm/contact/${c}/data/999999`));
    await expectRefused(400, /^id: must be a positive/, () => call(t, 'DELETE', `/api/2.0/crm/contact/${c}/data/0`));
    await expectRefused(404, 'Contact 999999 not found', () => call(t, 'DELETE', `/api/2.0/crm/contact/999999/data/${foreign.id}`));
  });
});

describe('PUT crm/contact/{contactid}/addressdata/{id}', () => {
  it('replaces an address as a whole (form body with brackets); audited', async () => {
    const c = await newContact();
    const a = await addAddress(c, { street: 'Old St', city: 'Riga', zip: '1', category: 3, isPrimary: true });
    const res = await call(t, 'PUT', `/api/2.0/crm/contact/${c}/addressdata/${a.id}`, { form: 'address[street]=New+St&address[country]=Latvia&address[category]=1' });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ id: a.id, infoType: 7, category: 1, categoryName: 'Delivery', isPrimary: false });
    expect(JSON.parse(res.response.data)).toEqual({ street: 'New St', city: '', state: '', zip: '', country: 'Latvia', category: 1, categoryName: 'Delivery' });
    const [updated] = await auditOf(a.id);
    expect(updated).toMatchObject({ action: 'contact-info.updated', changes: { category: { before: 3, after: 1 }, isPrimary: { before: true, after: false } } });
  });

  it('refuses in the original\'s order and writes nothing', async () => {
    const c = await newContact();
    const a = await addAddress(c, { street: 'x', category: 3 });
    const phone = await addInfo(c, { infoType: 'Phone', data: '1' });
    const url = `/api/2.0/crm/contact/${c}/addressdata/${a.id}`;
    await expectRefused(400, /^address: is required/, () => call(t, 'PUT', url, { json: { street: 'y' } }));
    await expectRefused(400, /^address\.category: 6 is not an address category/, () => call(t, 'PUT', url, { json: { address: { street: 'y', category: 6 } } }));
    await expectRefused(404, `Contact information ${phone.id} not found`, () => call(t, 'PUT', `/api/2.0/crm/contact/${c}/addressdata/${phone.id}`, { json: { address: { street: 'y' } } }));
    await expectRefused(404, 'Contact 999999 not found', () => call(t, 'PUT', `/api/2.0/crm/contact/999999/addressdata/${a.id}`, { json: { address: { street: 'y' } } }));
    await expectRefused(400, /^id: must be a positive/, () => call(t, 'PUT', `/api/2.0/crm/contact/${c}/addressdata/0`, { json: { address: { street: 'y' } } }));
    const readOnly = await newContact({ shareType: 2 });
    const ro = await addAddress(readOnly, { street: 'r' });
    await expectRefused(404, `Contact ${readOnly} not found`, () => call(t, 'PUT', `/api/2.0/crm/contact/${readOnly}/addressdata/${ro.id}`, { token: user.token, json: { address: { street: 'y' } } }));
  });
});

describe('addresses used by invoices (spec §3.9)', () => {
  let w: World;
  beforeAll(async () => { w = await buildWorld(t); });

  it('may change or be deleted; the invoice snapshot keeps the text it was built with', async () => {
    const inv = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { billingAddressId: w.billingAddressId, deliveryAddressId: w.deliveryAddressId, consigneeId: w.contactId }) });
    expect(inv.status, inv.raw).toBe(201);
    const snapshot = async () => JSON.stringify((await call(t, 'GET', `/api/2.0/crm/invoice/jsondata/${inv.response.id}`)).response);
    const before = await snapshot();
    expect(before).toContain('1 Main St');
    expect(before).toContain('9 Dock Rd');
    const changed = await call(t, 'PUT', `/api/2.0/crm/contact/${w.contactId}/addressdata/${w.billingAddressId}`, { json: { address: { street: '5 Other Rd', category: 3 } } });
    expect(changed.status, changed.raw).toBe(200);
    const deleted = await call(t, 'DELETE', `/api/2.0/crm/contact/${w.contactId}/data/${w.deliveryAddressId}`);
    expect(deleted.status, deleted.raw).toBe(200);
    const after = await snapshot();
    expect(after).toBe(before);
    expect(after).not.toContain('5 Other Rd');
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json();
    for (const [path, method] of [
      ['/api/2.0/crm/contact/{contactid}/data/{id}', 'put'], ['/api/2.0/crm/contact/{contactid}/data/{id}', 'delete'],
      ['/api/2.0/crm/contact/{contactid}/addressdata/{id}', 'put'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['contacts']);
    }
  });
});
