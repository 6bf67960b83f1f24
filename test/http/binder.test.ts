// The binder through real requests (DECISIONS "Wire format"): every body form, every method,
// precedence, paths, and conversion errors. Nesting, id lists and scalars: binder-lists.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUND_DEFAULTS, FORM, LINE_DEFAULTS, bindRoutes, multipart } from '../support/bind-routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ extraRoutes: (app) => bindRoutes(app) }); });
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(method: Method, url: string, payload?: string | object, headers: Record<string, string> = {}) {
  return t.app.inject({ method, url, headers: { authorization: t.adminToken, ...headers }, ...(payload !== undefined ? { payload } : {}) });
}
/** The echoed input of a successful call. */
async function bound(method: Method, url: string, payload?: string | object, headers?: Record<string, string>) {
  const res = await call(method, url, payload, headers);
  expect(res.statusCode, res.body).toBe(method === 'POST' ? 201 : 200);
  return res.json().response as Record<string, unknown>;
}
async function refused(method: Method, url: string, payload?: string | object, headers?: Record<string, string>) {
  const res = await call(method, url, payload, headers);
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = res.json();
  expect(body).toMatchObject({ status: 1, statusCode: 400, error: { hresult: -2147024809 } });
  expect(body.response).toBeUndefined();
  return body.error.message as string;
}

describe('body forms', () => {
  const expected = {
    ...BOUND_DEFAULTS, contactId: 7, price: '12.5', isPaid: true, number: 'INV-1',
    ids: [1, 2], invoiceLines: [{ ...LINE_DEFAULTS, invoiceItemID: 3, quantity: '2' }],
  };

  it('binds a JSON body', async () => {
    const r = await bound('POST', '/api/2.0/test/bind', {
      contactId: 7, price: 12.5, isPaid: true, number: 'INV-1', ids: [1, 2], invoiceLines: [{ invoiceItemID: 3, quantity: 2 }],
    });
    expect(r).toEqual(expected);
  });

  it('binds a JSON body with a charset parameter in the content type', async () => {
    const r = await bound('POST', '/api/2.0/test/bind', JSON.stringify({ contactId: 7 }), { 'content-type': 'application/json; charset=utf-8' });
    expect(r.contactId).toBe(7);
  });

  it('binds an urlencoded body', async () => {
    const body = 'contactId=7&price=12.5&isPaid=true&number=INV-1&ids[]=1&ids[]=2&invoiceLines[0][invoiceItemID]=3&invoiceLines[0][quantity]=2';
    expect(await bound('POST', '/api/2.0/test/bind', body, FORM)).toEqual(expected);
  });

  it('binds a multipart body built by hand, ignoring file parts', async () => {
    const m = multipart([
      ['contactId', '7'], ['price', '12.5'], ['isPaid', 'true'], ['number', 'INV-1'], ['ids', '1'], ['ids', '2'],
      ['invoiceLines[0][invoiceItemID]', '3'], ['invoiceLines[0][quantity]', '2'],
    ]);
    expect(await bound('POST', '/api/2.0/test/bind', m.payload, m.headers)).toEqual(expected);
  });

  it('keeps spaces and line breaks of string values in multipart and urlencoded bodies', async () => {
    const m = multipart([['title', '  two\r\nlines  ']], false);
    expect((await bound('POST', '/api/2.0/test/bind', m.payload, m.headers)).title).toBe('  two\r\nlines  ');
    expect((await bound('POST', '/api/2.0/test/bind', 'title=a+b%26c%3Dd', FORM)).title).toBe('a b&c=d');
  });

  it('accepts an empty body with a form content type, and no body at all', async () => {
    expect(await bound('POST', '/api/2.0/test/bind', '', FORM)).toEqual(BOUND_DEFAULTS);
    expect(await bound('POST', '/api/2.0/test/bind', '', { 'content-type': 'application/json' })).toEqual(BOUND_DEFAULTS);
    const m = multipart([], false);
    expect(await bound('POST', '/api/2.0/test/bind', m.payload, m.headers)).toEqual(BOUND_DEFAULTS);
    expect(await bound('POST', '/api/2.0/test/bind', '', { 'content-type': m.headers['content-type']! })).toEqual(BOUND_DEFAULTS);
    expect(await bound('PUT', '/api/2.0/test/bind/1', '', { 'content-type': 'multipart/form-data' })).toEqual({ ...BOUND_DEFAULTS, id: 1 });
    expect(await bound('POST', '/api/2.0/test/bind')).toEqual(BOUND_DEFAULTS);
    expect(await bound('DELETE', '/api/2.0/test/bind', '', FORM)).toEqual(BOUND_DEFAULTS);
  });

  it('binds no body fields from an unknown content type', async () => {
    expect(await bound('POST', '/api/2.0/test/bind?number=q', 'contactId=5', { 'content-type': 'text/plain' })).toEqual({ ...BOUND_DEFAULTS, number: 'q' });
  });

  it('answers malformed JSON with 400 in the envelope', async () => {
    const msg = await refused('POST', '/api/2.0/test/bind', '{"contactId": 1,', { 'content-type': 'application/json' });
    expect(msg).toMatch(/not valid JSON/);
  });

  it('answers a multipart body without a boundary with 400 in the envelope', async () => {
    await refused('POST', '/api/2.0/test/bind', 'x', { 'content-type': 'multipart/form-data' });
  });
});

describe('methods', () => {
  it('binds a JSON body on DELETE', async () => {
    expect(await bound('DELETE', '/api/2.0/test/bind', { ids: [4, 5] })).toEqual({ ...BOUND_DEFAULTS, ids: [4, 5] });
  });

  it('binds urlencoded and multipart bodies on DELETE', async () => {
    expect((await bound('DELETE', '/api/2.0/test/bind', 'ids=4&ids=5', FORM)).ids).toEqual([4, 5]);
    const m = multipart([['ids[]', '6'], ['ids[]', '7']]);
    expect((await bound('DELETE', '/api/2.0/test/bind', m.payload, m.headers)).ids).toEqual([6, 7]);
  });

  it('binds a body on PUT', async () => {
    expect((await bound('PUT', '/api/2.0/test/bind/3', 'contactId=9', FORM))).toEqual({ ...BOUND_DEFAULTS, id: 3, contactId: 9 });
  });

  it.each(['GET', 'POST', 'PUT', 'DELETE'] as const)('binds query parameters on %s', async (method) => {
    const r = await bound(method, '/api/2.0/test/bind/1?contactId=8&ids=1,2&invoiceLines[0][price]=3.5&isPaid=TRUE');
    expect(r).toEqual({ ...BOUND_DEFAULTS, id: 1, contactId: 8, isPaid: true, ids: [1, 2], invoiceLines: [{ ...LINE_DEFAULTS, price: '3.5' }] });
  });

  it('binds the POST status 201 and the others 200', async () => {
    expect((await call('POST', '/api/2.0/test/bind')).json().statusCode).toBe(201);
    expect((await call('PUT', '/api/2.0/test/bind/1')).json().statusCode).toBe(200);
  });
});

describe('precedence: path, then query, then body (first wins)', () => {
  it('takes the path value over query and body', async () => {
    expect((await bound('POST', '/api/2.0/test/bind/5?id=6', { id: 7 })).id).toBe(5);
    expect((await bound('PUT', '/api/2.0/test/bind/5?ID=6', 'Id=7', FORM)).id).toBe(5);
  });

  it('takes the query value over the body', async () => {
    const r = await bound('POST', '/api/2.0/test/bind?contactId=1&number=from-query', { contactId: 2, number: 'from-body', price: '4' });
    expect(r).toMatchObject({ contactId: 1, number: 'from-query', price: '4' });
    const f = await bound('POST', '/api/2.0/test/bind?ids=1', 'ids=2&ids=3&contactId=4', FORM);
    expect(f).toMatchObject({ ids: [1], contactId: 4 });
  });

  it('takes the first of repeated values for a scalar', async () => {
    expect((await bound('POST', '/api/2.0/test/bind', 'contactId=3&contactId=4', FORM)).contactId).toBe(3);
    expect((await bound('GET', '/api/2.0/test/bind?number=a&number=b')).number).toBe('a');
  });

  it('takes the path value even if the body spells the name in another case', async () => {
    expect((await bound('DELETE', '/api/2.0/test/bind/9', { ID: 1 })).id).toBe(9);
  });
});

describe('paths', () => {
  it('accepts a .json suffix on the last segment, in any case', async () => {
    expect((await bound('POST', '/api/2.0/test/bind.json', { contactId: 1 })).contactId).toBe(1);
    expect(await bound('PUT', '/api/2.0/test/bind/12.json?contactId=2')).toMatchObject({ id: 12, contactId: 2 });
    expect((await bound('GET', '/api/2.0/test/bind/12.JSON')).id).toBe(12);
  });

  it('matches the path in any letter case and keeps the case of path values', async () => {
    expect((await bound('POST', '/API/2.0/Test/BIND/4', {})).id).toBe(4);
    expect((await bound('GET', '/Api/2.0/TEST/Code/AbC.json')).code).toBe('AbC');
  });

  it('accepts a bare trailing "?"', async () => {
    expect((await bound('GET', '/api/2.0/test/bind/3?')).id).toBe(3);
    expect((await bound('GET', '/api/2.0/test/bind/3.json?')).id).toBe(3);
    expect((await call('GET', '/api/2.0/people/@self?')).statusCode).toBe(200);
  });

  it('does not match a route with another method (404 in the envelope)', async () => {
    const res = await call('PUT', '/api/2.0/test/bind');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 1, statusCode: 404 });
  });
});

describe('conversion errors: 400 naming the parameter', () => {
  it.each([
    ['price=abc', /^price: "abc" is not a valid decimal number/],
    ['price=1,5', /^price: "1,5"/],
    ['contactId=1.5', /^contactId: "1.5" is not a valid integer/],
    ['contactId=9999999999', /^contactId: "9999999999" is out of range/],
    ['isPaid=maybe', /^isPaid: "maybe" is not a valid boolean/],
    ['issueDate=2024-02-30', /^issueDate: "2024-02-30" is not a valid date/],
    ['issueDate=01.05.2024', /^issueDate: "01.05.2024" is not a valid date/],
    ['status=Unknown', /^status: "Unknown" is not a valid value/],
    ['userId=not-a-guid', /^userId: "not-a-guid" is not a valid GUID/],
    ['ids=1,x', /^ids\[1\]: "x" is not a valid integer/],
    ['ids[]=1&ids[]=2.5', /^ids\[1\]: "2.5" is not a valid integer/],
    ['invoiceLines[1][price]=2&invoiceLines[0][quantity]=q', /^invoiceLines\[0\]\.quantity: "q" is not a valid decimal number/],
    ['rate=abc', /^rate: "abc" is not a valid number/],
  ])('refuses %s', async (form, message) => {
    expect(await refused('POST', '/api/2.0/test/bind', form, FORM)).toMatch(message);
  });

  it('names the parameter of a JSON body and of the query', async () => {
    expect(await refused('POST', '/api/2.0/test/bind', { invoiceLines: [{ invoiceItemID: 1.5 }] })).toMatch(/^invoiceLines\[0\]\.invoiceItemID: "1.5"/);
    expect(await refused('GET', '/api/2.0/test/bind?contactId=abc')).toMatch(/^contactId: "abc"/);
    expect(await refused('PUT', '/api/2.0/test/bind/1', { price: true })).toMatch(/^price: "true"/);
  });

  it('refuses an object where a scalar is declared', async () => {
    expect(await refused('POST', '/api/2.0/test/bind', 'contactId[a]=1', FORM)).toMatch(/^contactId: expected a single value/);
    expect(await refused('POST', '/api/2.0/test/bind', { number: { a: 1 } })).toMatch(/^number: expected a single value/);
  });

  it('refuses forms and JSON bodies nested too deeply', async () => {
    expect(await refused('POST', '/api/2.0/test/bind', `invoiceLines${'[0]'.repeat(9)}=1`, FORM)).toMatch(/nested too deeply/);
    let deep: unknown = 1;
    for (let i = 0; i < 30; i++) deep = { a: deep };
    expect(await refused('POST', '/api/2.0/test/bind', { contactId: 1, deep })).toMatch(/nested too deeply/);
    expect(await refused('GET', `/api/2.0/test/bind?a${'[b]'.repeat(20)}=1`)).toMatch(/nested too deeply/);
  });

  it('cuts very long values in the message', async () => {
    const msg = await refused('POST', '/api/2.0/test/bind', `price=${'9x'.repeat(200)}`, FORM);
    expect(msg.length).toBeLessThan(120);
  });
});
