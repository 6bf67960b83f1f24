// Contact information and addresses (spec §2.3.12, §6.3): addressdata, data, the flat address alias, GET data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => t?.close());

async function infoCount() {
  const row = await t.deps.store.db.selectFrom('contact_infos').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function expectRefused(status: number, message: RegExp | string, request: () => ReturnType<typeof call>) {
  const before = await infoCount();
  const res = await request();
  expect(res.status, res.raw).toBe(status);
  expect(res.body).toMatchObject({ status: 1, statusCode: status });
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else expect(res.body.error.message).toMatch(message);
  expect(await infoCount()).toBe(before);
}

async function newContact(json: Record<string, unknown> = { shareType: 1 }) {
  const res = await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Addr Co', ...json } });
  expect(res.status, res.raw).toBe(201);
  return res.response.id as number;
}

const BILLING_DATA = JSON.stringify(
  { street: '1 Main St', city: 'Riga', state: '', zip: 'LV-1010', country: 'Latvia', category: 3, categoryName: 'Billing', isPrimary: true },
  null, 2,
);

describe('POST crm/contact/{contactid}/addressdata', () => {
  it('adds a billing address from JSON and stores the indented camelCase object', async () => {
    const id = await newContact();
    const res = await call(t, 'POST', `/api/2.0/crm/contact/${id}/addressdata`, {
      json: { address: { street: '1 Main St', city: 'Riga', zip: 'LV-1010', country: 'Latvia', category: 3, isPrimary: true } },
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 201 });
    expect(res.response).toEqual({ id: expect.any(Number), infoType: 7, category: 3, data: BILLING_DATA, categoryName: 'Billing', isPrimary: true });
  });

  it('adds a delivery (Postal) address from a bracket form; category shows as "Delivery"', async () => {
    const id = await newContact();
    const res = await call(t, 'POST', `/api/2.0/crm/contact/${id}/addressdata`, {
      form: 'address[street]=2+Dock+Rd&address[City]=Hamburg&address[country]=Germany&address[category]=1',
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({ infoType: 7, category: 1, categoryName: 'Delivery', isPrimary: false });
    expect(JSON.parse(res.response.data)).toEqual({ street: '2 Dock Rd', city: 'Hamburg', state: '', zip: '', country: 'Germany', category: 1, categoryName: 'Delivery' });
  });

  it('omits category 0 and isPrimary false from the stored object', async () => {
    const id = await newContact();
    const res = await call(t, 'POST', `/api/2.0/crm/contact/${id}/addressdata`, { json: { address: { city: 'Oslo' } } });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.response.data)).toEqual({ street: '', city: 'Oslo', state: '', zip: '', country: '', categoryName: 'Home' });
    expect(res.response).toMatchObject({ category: 0, categoryName: 'Home' });
  });

  it('refuses a missing address, a bad category and a bad contact id, in the order of §6.3', async () => {
    const id = await newContact();
    await expectRefused(400, /^address: is required/, () => call(t, 'POST', `/api/2.0/crm/contact/${id}/addressdata`, { json: { street: 'x' } }));
    await expectRefused(400, /^address\.category: 6 is not an address category/, () =>
      call(t, 'POST', `/api/2.0/crm/contact/${id}/addressdata`, { json: { address: { street: 'x', category: 6 } } }));
    await expectRefused(400, /^contactid: must be a positive contact id/, () =>
      call(t, 'POST', '/api/2.0/crm/contact/0/addressdata', { json: { address: { street: 'x' } } }));
    await expectRefused(404, 'Contact 999999 not found', () =>
      call(t, 'POST', '/api/2.0/crm/contact/999999/addressdata', { json: { address: { street: 'x', category: 9 } } }));
  });

  it('answers 404 to a user who may read but not edit the contact, and to one who may not read it', async () => {
    const user = await t.createUser();
    const readOnly = await newContact({ shareType: 2 });
    const priv = await newContact({ shareType: 0 });
    for (const id of [readOnly, priv]) {
      await expectRefused(404, `Contact ${id} not found`, () =>
        call(t, 'POST', `/api/2.0/crm/contact/${id}/addressdata`, { token: user.token, json: { address: { street: 'x', category: 3 } } }));
    }
    const managed = await newContact({ shareType: 0, managerList: [user.id] });
    const ok = await call(t, 'POST', `/api/2.0/crm/contact/${managed}/addressdata`, { token: user.token, json: { address: { street: 'x', category: 3 } } });
    expect(ok.status, ok.raw).toBe(201);
  });
});

describe('POST crm/contact/{contactid}/data', () => {
  it('adds an address by infoType name and category name (Billing)', async () => {
    const id = await newContact();
    const res = await call(t, 'POST', `/api/2.0/crm/contact/${id}/data`, {
      form: [['infoType', 'Address'], ['category', 'Billing'], ['isPrimary', 'true'], ['data', JSON.stringify({ street: '1 Main St', city: 'Riga', zip: 'LV-1010', country: 'Latvia' })]],
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toEqual({ id: expect.any(Number), infoType: 7, category: 3, data: BILLING_DATA, categoryName: 'Billing', isPrimary: true });
  });

  it('accepts the category by number and "Postal" in any case, and the infoType by number', async () => {
    const id = await newContact();
    const byNumber = await call(t, 'POST', `/api/2.0/crm/contact/${id}/data`, { json: { infoType: 7, category: 1, data: '{"street":"Dock 2"}' } });
    expect(byNumber.status, byNumber.raw).toBe(201);
    expect(byNumber.response).toMatchObject({ infoType: 7, category: 1, categoryName: 'Delivery' });
    expect(JSON.parse(byNumber.response.data)).toMatchObject({ street: 'Dock 2', category: 1, categoryName: 'Delivery' });
    const byName = await call(t, 'POST', `/api/2.0/crm/contact/${id}/data`, { json: { infoType: 'address', category: 'postal', data: '{"City":"Kiel"}' } });
    expect(byName.status, byName.raw).toBe(201);
    expect(byName.response).toMatchObject({ category: 1, categoryName: 'Delivery' });
    expect(JSON.parse(byName.response.data)).toMatchObject({ city: 'Kiel' });
  });

  it('adds phones and e-mails with their own category names', async () => {
    const id = await newContact();
    const phone = await call(t, 'POST', `/api/2.0/crm/contact/${id}/data`, { json: { infoType: 'Phone', category: 'Mobile', data: '+371 2000 0000', isPrimary: true } });
    expect(phone.status, phone.raw).toBe(201);
    expect(phone.response).toMatchObject({ infoType: 0, category: 2, categoryName: 'Mobile', data: '+371 2000 0000', isPrimary: true });
    const mail = await call(t, 'POST', `/api/2.0/crm/contact/${id}/data`, { form: 'infoType=1&category=Work&data=a%40b.test' });
    expect(mail.status, mail.raw).toBe(201);
    expect(mail.response).toMatchObject({ infoType: 1, category: 1, categoryName: 'Work', data: 'a@b.test', isPrimary: false });
  });

  it('refuses with the status codes of §6.3 and writes nothing', async () => {
    const id = await newContact();
    const user = await t.createUser();
    const readOnly = await newContact({ shareType: 2 });
    const url = `/api/2.0/crm/contact/${id}/data`;
    await expectRefused(400, 'data: is required', () => call(t, 'POST', url, { json: { infoType: 1, category: 'Work' } }));
    await expectRefused(400, 'data: is required', () => call(t, 'POST', '/api/2.0/crm/contact/0/data', { json: { infoType: 1, data: '' } }));
    await expectRefused(400, /^contactid: must be a positive/, () => call(t, 'POST', '/api/2.0/crm/contact/0/data', { json: { infoType: 1, data: 'a@b.test' } }));
    await expectRefused(404, /^No route/, () => call(t, 'POST', '/api/2.0/crm/contact/-3/data', { json: { infoType: 1, data: 'a@b.test' } }));
    await expectRefused(404, 'Contact 999999 not found', () => call(t, 'POST', '/api/2.0/crm/contact/999999/data', { json: { infoType: 1, data: 'a@b.test', category: 'Bogus' } }));
    await expectRefused(404, `Contact ${readOnly} not found`, () =>
      call(t, 'POST', `/api/2.0/crm/contact/${readOnly}/data`, { token: user.token, json: { infoType: 1, data: 'a@b.test', category: 'Bogus' } }));
    await expectRefused(400, /^category: "Mobile" is not a category of this information type \(Home, Work, Other\)/, () =>
      call(t, 'POST', url, { json: { infoType: 'Email', category: 'Mobile', data: 'a@b.test' } }));
    await expectRefused(400, /^category: 6 is not a category/, () => call(t, 'POST', url, { json: { infoType: 'Address', category: 6, data: '{}' } }));
    await expectRefused(400, /^data: an address must be a JSON object/, () => call(t, 'POST', url, { json: { infoType: 'Address', category: 'Billing', data: 'Main St 1' } }));
    await expectRefused(400, /^data: an address must be a JSON object/, () => call(t, 'POST', url, { json: { infoType: 'Address', data: '[1]' } }));
    await expectRefused(400, /^infoType: 42 is not a contact information type/, () => call(t, 'POST', url, { json: { infoType: 42, data: 'x' } }));
    await expectRefused(400, /^infoType: "Fax" is not a valid value/, () => call(t, 'POST', url, { json: { infoType: 'Fax', data: 'x' } }));
  });

  it('lets a reader who may not edit add a Twitter account (kept quirk of §6.3)', async () => {
    const user = await t.createUser();
    const readOnly = await newContact({ shareType: 2 });
    const res = await call(t, 'POST', `/api/2.0/crm/contact/${readOnly}/data`, { token: user.token, json: { infoType: 'Twitter', data: '@acme' } });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({ infoType: 4, category: 0, categoryName: 'Home', data: '@acme' });
  });
});

describe('POST crm/contact/{contactid}/address (flat alias)', () => {
  it('adds a billing address from flat form parameters with the category by name', async () => {
    const id = await newContact();
    const res = await call(t, 'POST', `/api/2.0/crm/contact/${id}/address`, {
      form: 'street=1+Main+St&city=Riga&zip=LV-1010&country=Latvia&category=Billing&isPrimary=true',
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toEqual({ id: expect.any(Number), infoType: 7, category: 3, data: BILLING_DATA, categoryName: 'Billing', isPrimary: true });
  });

  it('adds a delivery address with the category by number or as "Delivery"', async () => {
    const id = await newContact();
    const byNumber = await call(t, 'POST', `/api/2.0/crm/contact/${id}/address`, { json: { street: 'Dock 1', category: 1 } });
    expect(byNumber.status, byNumber.raw).toBe(201);
    expect(byNumber.response).toMatchObject({ infoType: 7, category: 1, categoryName: 'Delivery' });
    const byText = await call(t, 'POST', `/api/2.0/crm/contact/${id}/address?category=Delivery`, { json: { City: 'Kiel' } });
    expect(byText.status, byText.raw).toBe(201);
    expect(byText.response).toMatchObject({ category: 1, categoryName: 'Delivery' });
  });

  it('refuses no address parts, a bad category and a contact the caller may not edit', async () => {
    const id = await newContact();
    const user = await t.createUser();
    await expectRefused(400, 'street, city, state, zip, country: at least one is required', () =>
      call(t, 'POST', `/api/2.0/crm/contact/${id}/address`, { form: 'category=3' }));
    await expectRefused(400, /^category: 8 is not an address category/, () =>
      call(t, 'POST', `/api/2.0/crm/contact/${id}/address`, { form: 'street=x&category=8' }));
    await expectRefused(400, /^category: "Mobile" is not a valid value/, () =>
      call(t, 'POST', `/api/2.0/crm/contact/${id}/address`, { form: 'street=x&category=Mobile' }));
    const priv = await newContact({ shareType: 0 });
    await expectRefused(404, `Contact ${priv} not found`, () =>
      call(t, 'POST', `/api/2.0/crm/contact/${priv}/address`, { token: user.token, form: 'street=x&category=3' }));
  });
});

describe('GET crm/contact/{contactid}/data and the full contact', () => {
  it('lists all information newest first, and the full contact splits addresses from commonData', async () => {
    const id = await newContact();
    const billing = (await call(t, 'POST', `/api/2.0/crm/contact/${id}/addressdata`, { json: { address: { street: 'Bill St', category: 3, isPrimary: true } } })).response;
    const phone = (await call(t, 'POST', `/api/2.0/crm/contact/${id}/data`, { json: { infoType: 0, category: 'Work', data: '123' } })).response;
    const delivery = (await call(t, 'POST', `/api/2.0/crm/contact/${id}/address`, { json: { street: 'Ship St', category: 'Postal' } })).response;
    const list = await call(t, 'GET', `/api/2.0/crm/contact/${id}/data`);
    expect(list.status, list.raw).toBe(200);
    expect(list.body.count).toBe(3);
    expect(list.response.map((i: { id: number }) => i.id)).toEqual([delivery.id, phone.id, billing.id]);
    expect(list.response[1]).toEqual({ id: phone.id, infoType: 0, category: 1, data: '123', categoryName: 'Work', isPrimary: false });

    const full = (await call(t, 'GET', `/api/2.0/crm/contact/${id}`)).response;
    expect(full.commonData).toEqual([list.response[1]]);
    expect(full.addresses).toEqual([
      { street: 'Ship St', city: '', state: '', zip: '', country: '', category: 1, categoryName: 'Delivery' },
      { street: 'Bill St', city: '', state: '', zip: '', country: '', category: 3, categoryName: 'Billing', isPrimary: true },
    ]);
  });

  it('lists nothing for a contact without information, and hides unreadable contacts', async () => {
    const id = await newContact();
    const empty = await call(t, 'GET', `/api/2.0/crm/contact/${id}/data`);
    expect(empty.status).toBe(200);
    expect(empty.response).toEqual([]);
    const user = await t.createUser();
    const priv = await newContact({ shareType: 0 });
    await call(t, 'POST', `/api/2.0/crm/contact/${priv}/data`, { json: { infoType: 1, data: 'x@y.test' } });
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${priv}/data`, { token: user.token })).status).toBe(404);
    expect((await call(t, 'GET', '/api/2.0/crm/contact/999999/data')).status).toBe(404);
    expect((await call(t, 'GET', '/api/2.0/crm/contact/0/data')).status).toBe(400);
  });
});
