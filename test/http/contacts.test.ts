// Persons and companies: create (JSON and form), GET contact/{id}, rights (spec §3.5, §6.1, §6.2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { multipart } from '../support/bind-routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => t?.close());

/** Row counts of the tables contact writes touch, to prove a refused request wrote nothing. */
async function rowCounts() {
  const db = t.deps.store.db;
  const n = async (table: 'contacts' | 'contact_access' | 'contact_infos') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { contacts: await n('contacts'), access: await n('contact_access'), infos: await n('contact_infos') };
}

async function expectRefused(status: number, message: RegExp | string, request: () => ReturnType<typeof call>) {
  const before = await rowCounts();
  const res = await request();
  expect(res.status, res.raw).toBe(status);
  expect(res.body).toMatchObject({ status: 1, statusCode: status });
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else expect(res.body.error.message).toMatch(message);
  expect(await rowCounts()).toEqual(before);
  return res;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}[+-]\d{2}:\d{2}$/;

describe('POST crm/contact/person', () => {
  it('creates a person from JSON and answers 201 with the full Person shape', async () => {
    const res = await call(t, 'POST', '/api/2.0/crm/contact/person', {
      json: { firstName: '  Ada ', lastName: 'Lovelace', jobTitle: 'Analyst', about: 'Engines', shareType: 1, customFieldList: [{ key: 1, value: 'x' }] },
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 201 });
    const p = res.response;
    expect(p).toMatchObject({
      firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', about: 'Engines', industry: '',
      displayName: 'Ada Lovelace', isCompany: false, isPrivate: false, isShared: true, shareType: 1,
      currency: null, canEdit: true, canDelete: true, commonData: [], addresses: [], customFields: [], haveLateTasks: false,
    });
    expect(p.id).toBeGreaterThan(0);
    expect(p.createBy.displayName).toBeTypeOf('string');
    expect(p.created).toMatch(DATE_RE);
    expect(p.smallFotoUrl).toBe(`/Products/CRM/HttpHandlers/filehandler.ashx?action=contactphotoulr&cid=${p.id}&isc=False&ps=1`);
    expect(p).not.toHaveProperty('company');
    expect(p).not.toHaveProperty('accessList');
    expect(p).not.toHaveProperty('companyName');
    expect(p).not.toHaveProperty('taskCount');
  });

  it('creates a person from a form body, lastName missing → "", linked to a company', async () => {
    const company = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Acme', shareType: 2 } })).response;
    const res = await call(t, 'POST', '/api/2.0/crm/contact/person', {
      form: [['firstname', 'Grace'], ['companyid', String(company.id)], ['shareType', 'ReadWrite']],
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({ firstName: 'Grace', lastName: '', displayName: 'Grace ', shareType: 1 });
    expect(res.response.company).toMatchObject({ id: company.id, displayName: 'Acme', isCompany: true, canDelete: false });
    const again = await call(t, 'GET', `/api/2.0/crm/contact/${company.id}`);
    expect(again.response).toMatchObject({ companyName: 'Acme', personsCount: 1 });
  });

  it('creates a person from a multipart body (a photo part is accepted and ignored)', async () => {
    const { payload, headers } = multipart([['firstName', 'Multi'], ['lastName', 'Part'], ['shareType', '2']]);
    const res = await t.app.inject({ method: 'POST', url: '/api/2.0/crm/contact/person', payload, headers: { ...headers, authorization: t.adminToken } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().response).toMatchObject({ displayName: 'Multi Part', shareType: 2, canEdit: true });
  });

  it('stores a managerList as the access list of a private person', async () => {
    const user = await t.createUser();
    const res = await call(t, 'POST', '/api/2.0/crm/contact/person', {
      form: [['firstName', 'Private'], ['lastName', 'Person'], ['managerList[]', user.id], ['managerList[]', user.id]],
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({ isPrivate: true, isShared: false, shareType: 0 });
    expect(res.response.accessList.map((e: { id: string }) => e.id)).toEqual([user.id]);
  });

  it('refuses a missing or blank firstName with 400 and writes nothing', async () => {
    await expectRefused(400, 'firstName: is required', () => call(t, 'POST', '/api/2.0/crm/contact/person', { json: { lastName: 'X' } }));
    await expectRefused(400, 'firstName: must not be empty', () => call(t, 'POST', '/api/2.0/crm/contact/person', { form: 'firstName=%20%20&lastName=X' }));
  });

  it('refuses names longer than 255 characters (Q32)', async () => {
    const long = 'x'.repeat(256);
    await expectRefused(400, 'firstName: at most 255 characters (got 256)', () => call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: long } }));
    await expectRefused(400, /^lastName: at most 255/, () => call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'a', lastName: long } }));
    await expectRefused(400, /^jobTitle: at most 255/, () => call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'a', jobTitle: long } }));
    const ok = await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'x'.repeat(255), shareType: 1 } });
    expect(ok.status).toBe(201);
  });

  it('refuses a bad shareType, an unknown manager and a malformed GUID', async () => {
    await expectRefused(400, /^shareType: 7 is not a share type/, () => call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'a', shareType: 7 } }));
    await expectRefused(400, /^shareType: "Public" is not a valid value/, () => call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'a', shareType: 'Public' } }));
    const stranger = '0f0f0f0f-0000-4000-8000-000000000001';
    await expectRefused(400, `managerList: ${stranger} is not a user of this portal`, () =>
      call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'a', managerList: [stranger] } }));
    await expectRefused(400, /^managerList\[0\]: "nope" is not a valid GUID/, () =>
      call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'a', managerList: ['nope'] } }));
  });

  it('answers 404 for a missing or unreadable company, 400 for a person given as company', async () => {
    await expectRefused(404, 'Company 999999 not found', () => call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'a', companyId: 999999 } }));
    const hidden = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Hidden Ltd' } })).response;
    const user = await t.createUser();
    await expectRefused(404, `Company ${hidden.id} not found`, () =>
      call(t, 'POST', '/api/2.0/crm/contact/person', { token: user.token, json: { firstName: 'a', companyId: hidden.id, shareType: 1 } }));
    const person = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'p', shareType: 1 } })).response;
    await expectRefused(400, `companyId: contact ${person.id} is a person, not a company`, () =>
      call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'a', companyId: person.id } }));
  });

  it('refuses a non-integer companyId at binding', async () => {
    await expectRefused(400, /^companyId: "1\.5" is not a valid integer/, () => call(t, 'POST', '/api/2.0/crm/contact/person', { form: 'firstName=a&companyId=1.5' }));
  });
});

describe('POST crm/contact/company', () => {
  it('creates a company from JSON, linking readable persons and skipping the others', async () => {
    const user = await t.createUser();
    const visible = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'Vis', shareType: 2 } })).response;
    const hidden = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'Hid' } })).response;
    const other = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Other', shareType: 1 } })).response;
    const res = await call(t, 'POST', '/api/2.0/crm/contact/company', {
      token: user.token,
      json: { companyName: ' Initech ', about: 'Software', shareType: 1, personList: [visible.id, hidden.id, other.id, 999999] },
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({
      companyName: 'Initech', displayName: 'Initech', isCompany: true, about: 'Software', personsCount: 1,
      shareType: 1, canEdit: true, canDelete: true, addresses: [], commonData: [], customFields: [], haveLateTasks: false,
    });
    expect(res.response.createBy.id).toBe(user.id);
    expect(res.response.smallFotoUrl).toContain('isc=True');
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${visible.id}`)).response.company.id).toBe(res.response.id);
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${hidden.id}`)).response).not.toHaveProperty('company');
  });

  it('creates a company from a form body with a comma-joined personList; personsCount omitted when 0', async () => {
    const a = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'A', shareType: 1 } })).response;
    const b = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'B', shareType: 1 } })).response;
    const res = await call(t, 'POST', '/api/2.0/crm/contact/company', { form: `companyName=Two+Persons&personList=${a.id},${b.id}&shareType=2` });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({ companyName: 'Two Persons', personsCount: 2, shareType: 2 });
    const empty = await call(t, 'POST', '/api/2.0/crm/contact/company', { form: 'companyname=Lonely' });
    expect(empty.status).toBe(201);
    expect(empty.response).not.toHaveProperty('personsCount');
    expect(empty.response).toMatchObject({ isPrivate: true, accessList: [] });
  });

  it('refuses a missing, blank or too long companyName', async () => {
    await expectRefused(400, 'companyName: is required', () => call(t, 'POST', '/api/2.0/crm/contact/company', { json: { about: 'x' } }));
    await expectRefused(400, 'companyName: must not be empty', () => call(t, 'POST', '/api/2.0/crm/contact/company', { form: 'companyName=+' }));
    await expectRefused(400, /^companyName: at most 255/, () => call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'c'.repeat(300) } }));
  });
});

describe('GET crm/contact/{id} and rights (spec §3.5)', () => {
  it('hides a private contact from a non-admin who is not a manager (404, same as missing)', async () => {
    const user = await t.createUser();
    const priv = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'Secret', shareType: 0 } })).response;
    const hidden = await call(t, 'GET', `/api/2.0/crm/contact/${priv.id}`, { token: user.token });
    expect(hidden.status).toBe(404);
    const missing = await call(t, 'GET', '/api/2.0/crm/contact/987654', { token: user.token });
    expect(missing.status).toBe(404);
    expect(hidden.body.error.message.replace(String(priv.id), 'N')).toBe(missing.body.error.message.replace('987654', 'N'));
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${priv.id}`)).status).toBe(200); // the admin sees it
  });

  it('shows a private contact to a manager, and shared ones to everyone', async () => {
    const user = await t.createUser();
    const managed = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'Managed', managerList: [user.id] } })).response;
    const rw = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'RW', shareType: 1 } })).response;
    const ro = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'RO', shareType: 2 } })).response;
    const m = await call(t, 'GET', `/api/2.0/crm/contact/${managed.id}`, { token: user.token });
    expect(m.status, m.raw).toBe(200);
    expect(m.response).toMatchObject({ id: managed.id, canEdit: true, canDelete: true, isPrivate: true });
    expect(m.response.accessList.map((e: { id: string }) => e.id)).toEqual([user.id]);
    const a = await call(t, 'GET', `/api/2.0/crm/contact/${rw.id}.json`, { token: user.token });
    expect(a.status).toBe(200);
    expect(a.response).toMatchObject({ canEdit: true, canDelete: true });
    const b = await call(t, 'GET', `/api/2.0/crm/contact/${ro.id}`, { token: user.token });
    expect(b.status).toBe(200);
    expect(b.response).toMatchObject({ companyName: 'RO', canEdit: false, canDelete: false });
  });

  it('Q39: a private contact created without managers is invisible to its non-admin creator', async () => {
    const user = await t.createUser();
    const created = await call(t, 'POST', '/api/2.0/crm/contact/person', { token: user.token, json: { firstName: 'Mine' } });
    expect(created.status).toBe(201);
    expect(created.response).toMatchObject({ canEdit: false, canDelete: false });
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${created.response.id}`, { token: user.token })).status).toBe(404);
  });

  it('omits a company the reader may not see from a person', async () => {
    const user = await t.createUser();
    const company = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Private Co' } })).response;
    const person = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'Emp', companyId: company.id, shareType: 2 } })).response;
    expect(person.company.id).toBe(company.id);
    const seen = await call(t, 'GET', `/api/2.0/crm/contact/${person.id}`, { token: user.token });
    expect(seen.status).toBe(200);
    expect(seen.response).not.toHaveProperty('company');
  });

  it('computes canDelete false while an invoice references the contact (§3.9)', async () => {
    const person = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'Billed', shareType: 1 } })).response;
    const consignee = (await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'Shipped', shareType: 1 } })).response;
    expect(person.canDelete).toBe(true);
    const now = t.clock.now();
    await t.deps.store.db.insertInto('invoices').values({
      tenant_id: 1, status: 1, number: 'CT-1', number_key: 'ct-1', issue_date: now, due_date: now, template_type: 0,
      contact_id: person.id, consignee_id: consignee.id, entity_type: 1, entity_id: 0, billing_address_id: 0, delivery_address_id: 0,
      language: 'en-US', currency: 'EUR', exchange_rate: 1_000_000, purchase_order_number: '', terms: '', description: '', json_data: '', file_id: 0,
      created_by: 'x', created_at: now, updated_by: 'x', updated_at: now,
    }).execute();
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${person.id}`)).response).toMatchObject({ canEdit: true, canDelete: false });
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${consignee.id}`)).response).toMatchObject({ canEdit: true, canDelete: false });
  });

  it('answers 400 for the id 0 or one out of range, 404 for a path that is not digits (spec §1.1)', async () => {
    const zero = await call(t, 'GET', '/api/2.0/crm/contact/0');
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toBe('id: must be a positive contact id (got 0)');
    expect((await call(t, 'GET', '/api/2.0/crm/contact/99999999999')).status).toBe(400);
    for (const id of ['abc', '-1', '1.5']) {
      const res = await call(t, 'GET', `/api/2.0/crm/contact/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body).toMatchObject({ status: 1, statusCode: 404 });
    }
  });

  it('refuses guests with 403', async () => {
    const guest = await t.createUser({ isVisitor: true });
    await expectRefused(403, 'Forbidden', () => call(t, 'POST', '/api/2.0/crm/contact/person', { token: guest.token, json: { firstName: 'g', shareType: 1 } }));
  });

  it('documents the routes in OpenAPI under the contacts tag', async () => {
    const doc = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json();
    for (const [path, method] of [
      ['/api/2.0/crm/contact/person', 'post'], ['/api/2.0/crm/contact/company', 'post'], ['/api/2.0/crm/contact/{id}', 'get'],
      ['/api/2.0/crm/contact/{contactid}/data', 'get'], ['/api/2.0/crm/contact/{contactid}/data', 'post'],
      ['/api/2.0/crm/contact/{contactid}/addressdata', 'post'], ['/api/2.0/crm/contact/{contactid}/address', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['contacts']);
    }
    expect(doc.paths['/api/2.0/crm/contact/person'].post.requestBody).toBeDefined();
  });
});
