// Test-only routes for the binder suites: each one echoes the input the binder and ajv produced.
import { Type } from 'typebox';
import type { App } from '../../src/http/app-type.js';
import { sendOk } from '../../src/http/envelope.js';
import { DateParam, DecimalParam, EnumParam, GuidParam } from '../../src/http/schemas/common.js';

/** Invoice status names and display texts, as the status segment of `invoice/status/{status}` takes them. */
export const STATUS_NAMES = { Draft: 1, Sent: 2, Billed: 2, Rejected: 3, Archive: 3, Paid: 4 };

/** A decimal that defaults to 0 when missing (spec §1.3: missing numbers are 0). */
const Amount = () => Type.Unsafe<string>({ ...DecimalParam(), default: '0' });

export const BindLine = Type.Object({
  invoiceItemID: Type.Integer({ default: 0 }),
  invoiceTax1ID: Type.Integer({ default: 0 }),
  quantity: Amount(),
  price: Amount(),
  discount: Amount(),
  description: Type.Optional(Type.String()),
});

export const BindInput = Type.Object({
  id: Type.Optional(Type.Integer()),
  contactId: Type.Integer({ default: 0 }),
  price: Amount(),
  rate: Type.Optional(Type.Number()),
  isPaid: Type.Boolean({ default: false }),
  number: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  issueDate: Type.Optional(DateParam()),
  status: Type.Optional(EnumParam(STATUS_NAMES)),
  userId: Type.Optional(GuidParam()),
  ids: Type.Array(Type.Integer(), { default: [] }),
  invoiceLines: Type.Array(BindLine, { default: [] }),
  address: Type.Optional(Type.Object({ street: Type.String({ default: '' }), city: Type.String({ default: '' }) })),
});

/** The bound input with every default filled, for `toEqual` against an echo. */
export const BOUND_DEFAULTS = { contactId: 0, price: '0', isPaid: false, ids: [], invoiceLines: [] };
export const LINE_DEFAULTS = { invoiceItemID: 0, invoiceTax1ID: 0, quantity: '0', price: '0', discount: '0' };

export function bindRoutes(app: App): void {
  const opts = { schema: { body: BindInput } };
  app.post('/api/2.0/test/bind', opts, async (req, reply) => sendOk(reply, req.body));
  app.post('/api/2.0/test/bind/:id', opts, async (req, reply) => sendOk(reply, req.body));
  app.put('/api/2.0/test/bind/:id', opts, async (req, reply) => sendOk(reply, req.body));
  app.delete('/api/2.0/test/bind', opts, async (req, reply) => sendOk(reply, req.body));
  app.delete('/api/2.0/test/bind/:id', opts, async (req, reply) => sendOk(reply, req.body));
  app.get('/api/2.0/test/bind', { schema: { querystring: BindInput } }, async (req, reply) => sendOk(reply, req.query));
  app.get('/api/2.0/test/bind/:id', { schema: { querystring: BindInput } }, async (req, reply) => sendOk(reply, req.query));
  // A string path parameter, to see that its letter case survives case-insensitive routing.
  app.get('/api/2.0/test/code/:code', { schema: { querystring: Type.Object({ code: Type.String() }) } }, async (req, reply) =>
    sendOk(reply, req.query),
  );
}

/** A multipart/form-data body built by hand (one file part included, which binds nothing). */
export function multipart(fields: [string, string][], withFile = true): { payload: string; headers: Record<string, string> } {
  const boundary = '----ledgerline-test-boundary-7f3a';
  let body = '';
  for (const [name, value] of fields) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  if (withFile) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nnot bound\r\n`;
  }
  body += `--${boundary}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
