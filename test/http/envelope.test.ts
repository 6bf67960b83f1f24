// The response envelope (spec §1.4, §1.5 with DECISIONS "Wire format"), through test-only routes.
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, accessDenied, invalid, notFound } from '../../src/domain/errors.js';
import { Decimal } from '../../src/domain/money.js';
import type { App } from '../../src/http/app-type.js';
import { sendOk, toWireJson, wireDecimal } from '../../src/http/envelope.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const HRESULT = { 400: -2147024809, 403: -2146233078, 404: -2147467259, 500: -2146233088 };

const RESPONSES: Record<string, unknown> = {
  list: [{ a: 1 }, { a: 2 }, { a: 3 }],
  empty: [],
  object: { a: 1 },
  string: 'hello',
  emptystring: '',
  number: 0,
  bool: false,
  nil: null,
  void: undefined,
};

function routes(app: App) {
  app.get('/api/2.0/test/env/:kind', async (req, reply) => sendOk(reply, RESPONSES[(req.params as { kind: string }).kind]));
  app.post('/api/2.0/test/env', async (_req, reply) => sendOk(reply, { created: true }));
  app.delete('/api/2.0/test/env', async (_req, reply) => sendOk(reply, undefined));
  app.get('/api/2.0/test/page', async (_req, reply) => sendOk(reply, [1, 2], { startIndex: 4, nextIndex: 7, total: 10 }));
  app.get('/api/2.0/test/page0', async (_req, reply) => sendOk(reply, [], { startIndex: 0, total: 0 }));
  app.get('/api/2.0/test/fail/:kind', async (req) => {
    const kind = (req.params as { kind: string }).kind;
    if (kind === 'invalid') throw invalid('Invoice line 2: discount must be between 0 and 100');
    if (kind === 'notfound') throw notFound();
    if (kind === 'denied') throw accessDenied();
    if (kind === 'operation') throw new DomainError('INVALID_OPERATION', 'Not in this state');
    if (kind === 'conflict') throw new DomainError('CONCURRENT_REQUEST', 'Try again');
    throw new Error('SQLITE_CONSTRAINT: secret driver text at /srv/db');
  });
  app.post('/api/2.0/test/fail', { schema: { body: Type.Object({ name: Type.String({ minLength: 3 }) }) } }, async (_req, reply) => sendOk(reply, undefined));
  app.get('/api/2.0/test/money', async (_req, reply) =>
    sendOk(reply, {
      price: wireDecimal(new Decimal('7.7')),
      total: wireDecimal(new Decimal(100)),
      zero: wireDecimal(new Decimal(0)),
      negative: wireDecimal(new Decimal('-0.5')),
      rate: wireDecimal(new Decimal('1.5'), 6),
      lines: [{ sum: wireDecimal(new Decimal('2.3')) }],
      text: '7.70',
    }),
  );
}

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ extraRoutes: routes }); });
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = { authorization: t.adminToken }) => t.app.inject({ method: 'GET', url, headers });

describe('success envelope', () => {
  it.each([
    ['list', 3, [{ a: 1 }, { a: 2 }, { a: 3 }]],
    ['object', 1, { a: 1 }],
    ['string', 5, 'hello'],
    ['number', 1, 0],
    ['bool', 1, false],
  ])('counts a %s response as %i', async (kind, count, response) => {
    const res = await get(`/api/2.0/test/env/${kind}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    expect(res.json()).toStrictEqual({ count, status: 0, statusCode: 200, response });
  });

  it.each([
    ['empty', []],
    ['emptystring', ''],
    ['nil', null],
    ['void', {}],
  ])('omits count for a %s response', async (kind, response) => {
    const res = await get(`/api/2.0/test/env/${kind}`);
    expect(res.json()).toStrictEqual({ status: 0, statusCode: 200, response });
  });

  it('emits the members in the order of the original', async () => {
    expect((await get('/api/2.0/test/env/object')).body).toBe('{"count":1,"status":0,"statusCode":200,"response":{"a":1}}');
    expect((await get('/api/2.0/test/page')).body).toBe('{"count":2,"startIndex":4,"nextIndex":7,"total":10,"status":0,"statusCode":200,"response":[1,2]}');
  });

  it('omits startIndex 0 but emits total 0', async () => {
    expect((await get('/api/2.0/test/page0')).json()).toStrictEqual({ total: 0, status: 0, statusCode: 200, response: [] });
  });

  it('answers POST with 201, DELETE of a void method with 200 and {} (never 204, never empty)', async () => {
    const post = await t.app.inject({ method: 'POST', url: '/api/2.0/test/env', headers: { authorization: t.adminToken } });
    expect(post.statusCode).toBe(201);
    expect(post.json()).toStrictEqual({ count: 1, status: 0, statusCode: 201, response: { created: true } });
    const del = await t.app.inject({ method: 'DELETE', url: '/api/2.0/test/env', headers: { authorization: t.adminToken } });
    expect(del.statusCode).toBe(200);
    expect(del.headers['content-type']).toBe(JSON_TYPE);
    expect(del.body).toBe('{"status":0,"statusCode":200,"response":{}}');
  });

  it('sends Cache-Control: max-age=0', async () => {
    expect((await get('/api/2.0/test/env/list')).headers['cache-control']).toBe('max-age=0');
  });
});

describe('decimals keep their scale', () => {
  it('writes wireDecimal as a raw JSON number with fixed fraction digits', async () => {
    const res = await get('/api/2.0/test/money');
    expect(res.body).toContain('"price":7.70,');
    expect(res.body).toContain('"total":100.00,');
    expect(res.body).toContain('"zero":0.00,');
    expect(res.body).toContain('"negative":-0.50,');
    expect(res.body).toContain('"rate":1.500000,');
    expect(res.body).toContain('"lines":[{"sum":2.30}]');
    expect(res.body).toContain('"text":"7.70"');
    expect(res.json().response).toEqual({ price: 7.7, total: 100, zero: 0, negative: -0.5, rate: 1.5, lines: [{ sum: 2.3 }], text: '7.70' });
  });

  it('leaves strings that look like decimals alone in toWireJson', () => {
    expect(toWireJson({ a: '1.50', b: wireDecimal(new Decimal('1.5')) })).toBe('{"a":"1.50","b":1.50}');
    expect(toWireJson([wireDecimal(new Decimal('12345678.9'), 2)])).toBe('[12345678.90]');
  });
});

describe('error envelope', () => {
  it.each([
    ['invalid', 400, 'Invoice line 2: discount must be between 0 and 100'],
    ['notfound', 404, 'Not found'],
    ['denied', 403, 'Access Denied'],
    ['operation', 403, 'Not in this state'],
  ] as const)('answers a %s error with %i', async (kind, status, message) => {
    const res = await get(`/api/2.0/test/fail/${kind}`);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    expect(res.json()).toStrictEqual({ status: 1, statusCode: status, error: { message, hresult: HRESULT[status], data: {} } });
  });

  it('answers 409 for a concurrent request', async () => {
    expect((await get('/api/2.0/test/fail/conflict')).json()).toMatchObject({ status: 1, statusCode: 409, error: { message: 'Try again' } });
  });

  it('answers an unexpected exception with 500 "Server error" and no exception text', async () => {
    const res = await get('/api/2.0/test/fail/boom');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    expect(res.json()).toStrictEqual({ status: 1, statusCode: 500, error: { message: 'Server error', hresult: HRESULT[500], data: {} } });
    expect(res.body).not.toMatch(/SQLITE|secret|srv|stack/i);
  });

  it('keeps a requested startIndex in the error envelope', async () => {
    const res = await get('/api/2.0/test/fail/notfound?startIndex=20');
    expect(res.body).toBe(`{"startIndex":20,"status":1,"statusCode":404,"error":{"message":"Not found","hresult":${HRESULT[404]},"data":{}}}`);
  });

  it('answers a schema validation failure with 400 naming the parameter', async () => {
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/2.0/test/fail', headers: { authorization: t.adminToken }, payload });
    const missing = await post({});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ status: 1, statusCode: 400, error: { message: 'name: is required', hresult: HRESULT[400] } });
    const short = await post({ name: 'ab' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/^name: .*3/);
  });

  it('answers an unknown route with 404 in the envelope, with or without a token', async () => {
    for (const headers of [{ authorization: t.adminToken }, {}] as Record<string, string>[]) {
      for (const url of ['/api/2.0/crm/nothing/here', '/api/2.0/people/@self/extra', '/no-such-page']) {
        const res = await get(url, headers);
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type']).toBe(JSON_TYPE);
        expect(res.json()).toMatchObject({ status: 1, statusCode: 404, error: { hresult: HRESULT[404], data: {} } });
        expect(res.json().error.message).toEqual(expect.any(String));
      }
    }
  });

  it('answers a body above the limit with 413 in the envelope', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/2.0/test/fail', headers: { authorization: t.adminToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 1, statusCode: 413, error: { message: 'The request body is too large' } });
  });
});
