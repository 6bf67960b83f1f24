// The binder through real requests, part 2 (DECISIONS "Wire format"): bracket nesting, id lists,
// letter case at every level, scalars as strings, defaults, dates in the tenant's zone, enums, GUIDs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { BOUND_DEFAULTS, FORM, LINE_DEFAULTS, bindRoutes, multipart } from '../support/bind-routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ extraRoutes: (app) => bindRoutes(app) }); });
afterAll(async () => t?.close());

async function post(payload: string | object, headers: Record<string, string> = typeof payload === 'string' ? FORM : {}, token = t.adminToken) {
  const res = await t.app.inject({ method: 'POST', url: '/api/2.0/test/bind', headers: { authorization: token, ...headers }, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().response as Record<string, unknown>;
}
async function get(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/2.0/test/bind?${query}`, headers: { authorization: t.adminToken } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().response as Record<string, unknown>;
}
const line = (l: Record<string, unknown>) => ({ ...LINE_DEFAULTS, ...l });

describe('line lists in bracket style', () => {
  it('binds indexed elements invoiceLines[0][invoiceItemID]=1, in index order', async () => {
    const r = await post('invoiceLines[1][invoiceItemID]=2&invoiceLines[0][invoiceItemID]=1&invoiceLines[1][price]=5&invoiceLines[0][quantity]=3');
    expect(r.invoiceLines).toEqual([line({ invoiceItemID: 1, quantity: '3' }), line({ invoiceItemID: 2, price: '5' })]);
  });

  it('orders indexes numerically, not as text', async () => {
    const pairs = Array.from({ length: 12 }, (_, i) => `invoiceLines[${i}][invoiceItemID]=${i + 1}`).reverse().join('&');
    const r = await post(pairs);
    expect((r.invoiceLines as { invoiceItemID: number }[]).map((l) => l.invoiceItemID)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('starts a new element of invoiceLines[][…] when a key repeats', async () => {
    const r = await post('invoiceLines[][invoiceItemID]=1&invoiceLines[][quantity]=2&invoiceLines[][invoiceItemID]=3&invoiceLines[][quantity]=4&invoiceLines[][price]=9');
    expect(r.invoiceLines).toEqual([line({ invoiceItemID: 1, quantity: '2' }), line({ invoiceItemID: 3, quantity: '4', price: '9' })]);
  });

  it('treats a key repeated in another letter case as a repeat', async () => {
    const r = await post('invoiceLines[][invoiceItemID]=1&invoiceLines[][InvoiceItemId]=2');
    expect(r.invoiceLines).toEqual([line({ invoiceItemID: 1 }), line({ invoiceItemID: 2 })]);
  });

  it('binds the single hash invoiceLines[invoiceItemID]=1 as a one-element list', async () => {
    const r = await post('invoiceLines[invoiceItemID]=1&invoiceLines[price]=2.50');
    expect(r.invoiceLines).toEqual([line({ invoiceItemID: 1, price: '2.5' })]);
  });

  it('binds the same in a multipart body and in the query string', async () => {
    const m = multipart([['invoiceLines[][invoiceItemID]', '1'], ['invoiceLines[][invoiceItemID]', '2']]);
    expect((await post(m.payload, m.headers)).invoiceLines).toEqual([line({ invoiceItemID: 1 }), line({ invoiceItemID: 2 })]);
    expect((await get('invoiceLines[invoiceItemID]=7')).invoiceLines).toEqual([line({ invoiceItemID: 7 })]);
  });

  it('binds a JSON array of objects and one JSON object instead of an array', async () => {
    expect((await post({ invoiceLines: [{ invoiceItemID: 1 }, { invoiceItemID: 2, discount: 10 }] })).invoiceLines)
      .toEqual([line({ invoiceItemID: 1 }), line({ invoiceItemID: 2, discount: '10' })]);
    expect((await post({ invoiceLines: { invoiceItemID: 4, quantity: '1.5' } })).invoiceLines).toEqual([line({ invoiceItemID: 4, quantity: '1.5' })]);
  });

  it('binds a nested object (address[street]) from a form and from JSON', async () => {
    expect((await post('address[street]=Main+St&address[CITY]=Riga')).address).toEqual({ street: 'Main St', city: 'Riga' });
    expect((await post({ Address: { Street: 'x' } })).address).toEqual({ street: 'x', city: '' });
  });
});

describe('id lists in all five forms', () => {
  it.each([
    ['ids[]=', 'ids[]=1&ids[]=2&ids[]=3'],
    ['repeated ids=', 'ids=1&ids=2&ids=3'],
    ['indexed ids[0]=', 'ids[0]=1&ids[2]=3&ids[1]=2'],
    ['comma-joined ids=1,2,3', 'ids=1,2,3'],
    ['comma-joined with spaces', 'ids=1,+2+,3'],
  ])('binds %s from a form body and from the query', async (_name, form) => {
    expect((await post(form)).ids).toEqual([1, 2, 3]);
    expect((await get(form)).ids).toEqual([1, 2, 3]);
  });

  it('binds a JSON array, of numbers or of numeric texts', async () => {
    expect((await post({ ids: [1, 2, 3] })).ids).toEqual([1, 2, 3]);
    expect((await post({ ids: ['1', '2', '3'] })).ids).toEqual([1, 2, 3]);
    expect((await post({ ids: '1,2,3' })).ids).toEqual([1, 2, 3]);
  });

  it('binds one value as a one-element list and an empty value as an empty list', async () => {
    expect((await post('ids=5')).ids).toEqual([5]);
    expect((await post({ ids: 5 })).ids).toEqual([5]);
    expect((await post('ids=')).ids).toEqual([]);
    expect((await post({ ids: [] })).ids).toEqual([]);
    expect((await post({ ids: null })).ids).toEqual([]);
  });
});

describe('names in any letter case, at every level', () => {
  it.each(['invoiceItemID', 'InvoiceItemID', 'invoiceItemId', 'invoiceitemid', 'INVOICEITEMID'])('binds the line property spelt %s', async (name) => {
    expect((await post(`invoiceLines[0][${name}]=8`)).invoiceLines).toEqual([line({ invoiceItemID: 8 })]);
    expect((await post({ invoiceLines: [{ [name]: 8 }] })).invoiceLines).toEqual([line({ invoiceItemID: 8 })]);
  });

  it('binds top-level names and collection prefixes in any case', async () => {
    const r = await post('CONTACTID=3&isPAID=true&InvoiceLines[0][Quantity]=2&IDS[]=4');
    expect(r).toEqual({ ...BOUND_DEFAULTS, contactId: 3, isPaid: true, ids: [4], invoiceLines: [line({ quantity: '2' })] });
    expect(await post({ ContactID: 3, INVOICELINES: [{ PRICE: 1 }] })).toMatchObject({ contactId: 3, invoiceLines: [line({ price: '1' })] });
    expect((await get('ContactId=6')).contactId).toBe(6);
  });

  it('takes the first spelling of a JSON name given twice in different cases', async () => {
    expect((await post('{"contactId": 1, "CONTACTID": 2}', { 'content-type': 'application/json' })).contactId).toBe(1);
  });
});

describe('scalars as strings and defaults', () => {
  it('converts form strings: "42", "true", decimals kept exactly', async () => {
    const r = await post('contactId=42&isPaid=true&price=0.5928005320236359&invoiceLines[0][quantity]=5.0e-05&invoiceLines[0][discount]=1E2&rate=0.25');
    expect(r).toMatchObject({ contactId: 42, isPaid: true, price: '0.5928005320236359', rate: 0.25 });
    expect(r.invoiceLines).toEqual([line({ quantity: '0.00005', discount: '100' })]);
  });

  it('converts JSON strings the same way', async () => {
    const r = await post({ contactId: '42', isPaid: 'true', price: '0.5928005320236359', invoiceLines: [{ quantity: '5.0e-05', invoiceItemID: '3' }] });
    expect(r).toMatchObject({ contactId: 42, isPaid: true, price: '0.5928005320236359', invoiceLines: [line({ invoiceItemID: 3, quantity: '0.00005' })] });
  });

  it('keeps long decimal text exact (no float rounding)', async () => {
    expect((await post('price=12345678.123456789012345')).price).toBe('12345678.123456789012345');
    expect((await post('price=-0.10')).price).toBe('-0.1');
  });

  it('converts booleans in any case, and 1/0', async () => {
    expect((await post('isPaid=TRUE')).isPaid).toBe(true);
    expect((await post('isPaid=False')).isPaid).toBe(false);
    expect((await post('isPaid=1')).isPaid).toBe(true);
    expect((await post({ isPaid: false })).isPaid).toBe(false);
  });

  it('gives missing, empty and null numbers their default 0', async () => {
    expect(await post('contactId=&price=&invoiceLines[0][invoiceItemID]=5')).toEqual({ ...BOUND_DEFAULTS, invoiceLines: [line({ invoiceItemID: 5 })] });
    expect(await post({ contactId: null, price: null, invoiceLines: [{ invoiceItemID: 5, quantity: null }] }))
      .toEqual({ ...BOUND_DEFAULTS, invoiceLines: [line({ invoiceItemID: 5 })] });
  });

  it('keeps an empty string as an empty string, and strings as given', async () => {
    expect((await post('number=')).number).toBe('');
    expect((await post({ number: 42 })).number).toBe('42');
    expect((await post('number=+INV 1+')).number).toBe(' INV 1 ');
  });

  it('binds an enum by number, member name in any case, or display text', async () => {
    for (const [text, value] of [['2', 2], ['draft', 1], ['Sent', 2], ['PAID', 4], ['Billed', 2], ['Archive', 3], ['99', 99]] as const) {
      expect((await post(`status=${text}`)).status, text).toBe(value);
    }
    expect((await post({ status: 3 })).status).toBe(3);
  });

  it('binds GUIDs in any case, with braces or without dashes, to the canonical form', async () => {
    const g = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect((await post(`userId=${g.toUpperCase()}`)).userId).toBe(g);
    expect((await post(`userId={${g}}`)).userId).toBe(g);
    expect((await post(`userId=${g.replace(/-/g, '')}`)).userId).toBe(g);
  });

  it('refuses GUID texts .NET refuses: unbalanced braces, stray dashes', async () => {
    const g = '0f8fad5b-d9cb-469f-a165-70867728950e';
    for (const bad of [`{${g}`, `${g}}`, '0f8fad5bd9cb-469fa16570867728950e', `${g}0`]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/2.0/test/bind', headers: { authorization: t.adminToken }, payload: { userId: bad } });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.message).toMatch(/^userId: .* is not a valid GUID/);
    }
  });
});

describe('dates', () => {
  it('binds explicit offsets and Z to the UTC instant', async () => {
    expect((await post('issueDate=2024-05-01T12:00:00.0000000%2B03:00')).issueDate).toBe('2024-05-01T09:00:00.000Z');
    expect((await post({ issueDate: '2024-05-01T12:00:00Z' })).issueDate).toBe('2024-05-01T12:00:00.000Z');
    expect((await post('issueDate=2024-05-01T12-00-00.123-02:00')).issueDate).toBe('2024-05-01T14:00:00.123Z');
  });

  it('binds an empty date as not set', async () => {
    expect(await post('issueDate=')).not.toHaveProperty('issueDate');
  });

  it('takes zone-less dates as wall time in the caller\'s tenant zone', async () => {
    expect((await post('issueDate=2024-05-01')).issueDate).toBe('2024-05-01T00:00:00.000Z'); // tenant 1: UTC
    await createTenant(t.deps, { name: 'Kolkata', timeZone: 'Asia/Kolkata', adminEmail: 'admin.kolkata@example.test', adminPassword: 'kolkata-password-1' });
    const token = await t.login('admin.kolkata@example.test', 'kolkata-password-1');
    expect((await post('issueDate=2024-05-01', FORM, token)).issueDate).toBe('2024-04-30T18:30:00.000Z');
    expect((await post('issueDate=2024-05-01T10:00:00', FORM, token)).issueDate).toBe('2024-05-01T04:30:00.000Z');
    expect((await post('issueDate=2024-05-01T10:00:00Z', FORM, token)).issueDate).toBe('2024-05-01T10:00:00.000Z');
  });
});
