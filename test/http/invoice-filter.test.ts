// GET crm/invoice/filter, the filters (spec §4.4): status, date ranges, entity, currency, search
// text, the quirks kept from Q14, and the error rows. Sorting, paging and rights: invoice-filter-paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
const ids: Record<string, number> = {};

async function createInvoice(key: string, over: Record<string, unknown>, status = 1): Promise<void> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over) });
  expect(r.status, r.raw).toBe(201);
  ids[key] = r.response.id;
  // The status workflow is another suite's subject; set it directly.
  if (status !== 1) await t.deps.store.db.updateTable('invoices').set({ status }).where('id', '=', r.response.id).execute();
}

beforeAll(async () => {
  // A zone with an offset, so that date bounds are tenant-local instants (spec §1.7, §4.4).
  t = await createTestApp({ env: { LEDGERLINE_TIMEZONE: 'Europe/Berlin' } });
  w = await buildWorld(t);
  await createInvoice('A', { number: 'F-001', issueDate: '2026-01-10', dueDate: '2026-02-10', description: 'Consulting services January' });
  await createInvoice('B', { number: 'F-002', issueDate: '2026-01-31T23:30:00', dueDate: '2026-03-01', contactId: w.consigneeId, currency: 'usd', description: 'Hardware delivery' }, 2);
  await createInvoice('C', { number: 'F-003', issueDate: '2026-02-01', dueDate: '2026-02-15', entityId: w.opportunityId, consigneeId: w.consigneeId, description: 'Night shift support' }, 4);
  await createInvoice('D', { number: 'X-100 special', issueDate: '2026-03-05', dueDate: '2026-04-05', contactId: w.consigneeId, currency: 'GBP' }, 3);
  await createInvoice('E', { number: 'F-004', issueDate: '2026-02-20', dueDate: '2026-02-28T23:59:30', description: 'Consulting 50% off' }, 5);
});
afterAll(async () => t?.close());

/** The numbers found (in the default order: number ascending) and the envelope. */
async function filter(query: string, token?: string) {
  const r = await call(t, 'GET', `/api/2.0/crm/invoice/filter?${query}`, token ? { token } : {});
  expect(r.status, r.raw).toBe(200);
  const found = (r.response as { id: number }[]).map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? `#${i.id}`);
  return { found, body: r.body };
}

const expectFound = async (query: string, keys: string[]) => {
  const { found, body } = await filter(query);
  expect(found, query).toEqual(keys);
  expect(body.total, `${query}: total`).toBe(keys.length);
};

describe('GET crm/invoice/filter: no filter', () => {
  it('lists every invoice as InvoiceBase (no lines), number ascending, with total', async () => {
    const r = await call(t, 'GET', '/api/2.0/crm/invoice/filter');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ count: 5, total: 5, status: 0, statusCode: 200 });
    expect(r.body.startIndex).toBeUndefined();
    expect(r.body.nextIndex).toBeUndefined();
    const c = r.response.find((i: { id: number }) => i.id === ids.C);
    expect(c).not.toHaveProperty('invoiceLines');
    expect(c).toMatchObject({
      id: ids.C,
      status: { id: 4, title: 'Paid' },
      number: 'F-003',
      issueDate: '2026-02-01T00:00:00.0000000+01:00',
      dueDate: '2026-02-15T00:00:00.0000000+01:00',
      contact: { id: w.contactId, isCompany: true },
      consignee: { id: w.consigneeId },
      entity: { entityType: 'opportunity', entityId: w.opportunityId },
      currency: { abbreviation: 'EUR' },
      description: 'Night shift support',
      canEdit: false,
      canDelete: true,
    });
    expect(r.raw).toContain('"cost":216.00');
    expect((await filter('')).found).toEqual(['A', 'B', 'C', 'E', 'D']);
  });

  it('answers with the .json suffix and any letter case of the path', async () => {
    const r = await call(t, 'GET', '/api/2.0/crm/Invoice/Filter.json?status=1');
    expect(r.status, r.raw).toBe(200);
    expect(r.response.map((i: { id: number }) => i.id)).toEqual([ids.A]);
  });
});

describe('status', () => {
  it('takes a number, a member name in any case, or the display text', async () => {
    for (const s of ['2', 'sent', 'SENT', 'Sent', 'Billed', 'billed']) await expectFound(`status=${s}`, ['B']);
    await expectFound('status=archived', ['E']);
    await expectFound('status=Archive', ['E']);
    await expectFound('status=draft', ['A']);
  });

  it('an integer that is no status matches nothing; an unknown name is 400', async () => {
    await expectFound('status=7', []);
    await expectFound('status=0', []);
    const r = await call(t, 'GET', '/api/2.0/crm/invoice/filter?status=overdue');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status: 1, statusCode: 400 });
    expect(r.body.error.message).toMatch(/status: "overdue" is not a valid value/);
  });

  it('an empty status filters nothing', async () => {
    await expectFound('status=', ['A', 'B', 'C', 'E', 'D']);
  });
});

describe('date ranges (inclusive; `to` covers its day up to 23:59 tenant time)', () => {
  it('issueDateFrom alone: ≥ the instant', async () => {
    await expectFound('issueDateFrom=2026-02-01', ['C', 'E', 'D']);
    await expectFound('issueDateFrom=2026-02-01T00:00:01', ['E', 'D']);
    // An explicit offset is honoured: 2026-01-31T23:00Z is midnight in Berlin.
    await expectFound(`issueDateFrom=${encodeURIComponent('2026-01-31T23:00:00.000Z')}`, ['C', 'E', 'D']);
  });

  it('issueDateTo alone: ≤ to + 1 day − 1 minute', async () => {
    await expectFound('issueDateTo=2026-01-31', ['A', 'B']); // B at 23:30 Berlin on the 31st
    await expectFound('issueDateTo=2026-01-30', ['A']);
    await expectFound('issueDateTo=2026-02-01', ['A', 'B', 'C']);
  });

  it('both bounds', async () => {
    await expectFound('issueDateFrom=2026-01-15&issueDateTo=2026-02-01', ['B', 'C']);
    await expectFound('issueDateFrom=2026-02-02&issueDateTo=2026-02-01', []);
  });

  it('due dates the same way; the last minute of the `to` day is outside (spec §4.4, kept)', async () => {
    await expectFound('dueDateFrom=2026-02-15', ['B', 'C', 'E', 'D']);
    await expectFound('dueDateFrom=2026-02-15T00:00:01', ['B', 'E', 'D']);
    await expectFound('dueDateTo=2026-02-15', ['A', 'C']);
    await expectFound('dueDateFrom=2026-02-11&dueDateTo=2026-03-01', ['B', 'C', 'E']);
    // E is due 23:59:30 on the 28th: after to + 1 day − 1 minute (23:59:00).
    await expectFound('dueDateFrom=2026-02-16&dueDateTo=2026-02-28', []);
    await expectFound(`dueDateFrom=2026-02-16&dueDateTo=${encodeURIComponent('2026-02-28T00:00:31')}`, ['E']);
  });

  it('the `to` day ends at 23:59 tenant time on a daylight-saving day too (the day is added on the wall clock)', async () => {
    // Berlin moves to summer time on 2026-03-29 (a 23-hour day): 00:30 on the 30th is the next day.
    await createInvoice('dst', { number: 'DST-1', issueDate: '2026-03-30T00:30:00', dueDate: '2026-03-29T23:30:00', description: 'clock change' });
    try {
      await expectFound('filterValue=dst&issueDateTo=2026-03-29', []);
      await expectFound('filterValue=dst&issueDateTo=2026-03-30', ['dst']);
      await expectFound('filterValue=dst&dueDateFrom=2026-03-29&dueDateTo=2026-03-29', ['dst']);
    } finally {
      await t.deps.store.db.deleteFrom('invoice_lines').where('invoice_id', '=', ids.dst!).execute();
      await t.deps.store.db.deleteFrom('invoices').where('id', '=', ids.dst!).execute();
      delete ids.dst;
    }
  });

  it('a malformed date is 400', async () => {
    for (const q of ['issueDateFrom=2026-13-01', 'issueDateTo=yesterday', 'dueDateFrom=2026-01-01T10:00', 'dueDateTo=2026-02-30']) {
      const r = await call(t, 'GET', `/api/2.0/crm/invoice/filter?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.message, q).toMatch(/is not a valid date/);
    }
  });
});

describe('entityType and entityid (Q14 kept)', () => {
  it('contact + entityid: invoices billed to that contact (any case of the type)', async () => {
    await expectFound(`entityType=contact&entityid=${w.contactId}`, ['A', 'C', 'E']);
    await expectFound(`entityType=CONTACT&entityId=${w.consigneeId}`, ['B', 'D']); // C has it as consignee only
  });

  it('opportunity + entityid: invoices linked to it', async () => {
    await expectFound(`entityType=Opportunity&entityid=${w.opportunityId}`, ['C']);
    await expectFound(`entityType=opportunity&entityid=${w.opportunityId + 1000}`, []);
  });

  it('case + entityid never matches', async () => {
    await expectFound(`entityType=case&entityid=${w.contactId}`, []);
    await expectFound(`entityType=Case&entityid=${w.contactId}&status=1`, []);
  });

  it('a type without entityid (or 0) filters nothing', async () => {
    for (const type of ['contact', 'opportunity', 'case']) {
      await expectFound(`entityType=${type}`, ['A', 'B', 'C', 'E', 'D']);
      await expectFound(`entityType=${type}&entityid=0`, ['A', 'B', 'C', 'E', 'D']);
    }
  });

  it('entityid without a type: ignored beside another filter, an empty result when alone', async () => {
    await expectFound(`entityid=${w.contactId}`, []);
    await expectFound(`entityid=${w.contactId}&status=sent`, ['B']);
    await expectFound(`entityid=${w.contactId}&currency=eur`, ['A', 'C', 'E']);
  });

  it('any other non-empty type is 400, person and company included; an empty one filters nothing', async () => {
    for (const type of ['person', 'company', 'invoice', '1']) {
      const r = await call(t, 'GET', `/api/2.0/crm/invoice/filter?entityType=${type}&entityid=${w.contactId}`);
      expect(r.status, type).toBe(400);
      expect(r.body).toMatchObject({ status: 1, statusCode: 400 });
      expect(r.body.error.message).toMatch(/entityType: .* is not one of contact, opportunity, case/);
    }
    await expectFound('entityType=', ['A', 'B', 'C', 'E', 'D']);
  });

  it('a non-integer entityid is 400', async () => {
    const r = await call(t, 'GET', '/api/2.0/crm/invoice/filter?entityType=contact&entityid=1.5');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/entityid: "1.5" is not a valid integer/);
  });
});

describe('currency', () => {
  it('matches the code in any case', async () => {
    await expectFound('currency=usd', ['B']);
    await expectFound('currency=Eur', ['A', 'C', 'E']);
    await expectFound('currency=GBP', ['D']);
    await expectFound('currency=chf', []);
  });
});

describe('filterValue (search text)', () => {
  it('a word prefix-matches a word of the number or the description, any case', async () => {
    await expectFound('filterValue=consult', ['A', 'E']);
    await expectFound('filterValue=CONSULTING', ['A', 'E']);
    await expectFound('filterValue=services', ['A']); // after a space
    await expectFound('filterValue=ulting', []); // inside a word: no
    await expectFound('filterValue=f-00', ['A', 'B', 'C', 'E']); // start of the number
    await expectFound('filterValue=x-1', ['D']);
    await expectFound('filterValue=special', ['D']); // a word of the number after a space
  });

  it('every word must match (trimmed, split on spaces)', async () => {
    await expectFound(`filterValue=${encodeURIComponent('consulting jan')}`, ['A']);
    await expectFound(`filterValue=${encodeURIComponent('  consulting   january  ')}`, ['A']);
    await expectFound(`filterValue=${encodeURIComponent('consulting feb')}`, []);
    await expectFound(`filterValue=${encodeURIComponent('f-002 hardware')}`, ['B']);
  });

  it('LIKE wildcards in the text are literal', async () => {
    await expectFound(`filterValue=${encodeURIComponent('50%')}`, ['E']);
    await expectFound(`filterValue=${encodeURIComponent('5%')}`, []);
    await expectFound(`filterValue=${encodeURIComponent('_0')}`, []);
    await expectFound(`filterValue=${encodeURIComponent('f_00')}`, []);
  });

  it('only the text before the first comma is used (spec §1.6, Q24)', async () => {
    await expectFound(`filterValue=${encodeURIComponent('hardware,consulting')}`, ['B']);
  });

  it('only spaces: an empty result alone, nothing filtered beside another filter (Q14-like quirk, kept)', async () => {
    await expectFound(`filterValue=${encodeURIComponent('   ')}`, []);
    await expectFound(`filterValue=${encodeURIComponent('   ')}&status=1`, ['A']);
    await expectFound(`filterValue=${encodeURIComponent('   ')}&entityType=contact`, []);
  });
});

describe('filters combine with AND', () => {
  it('status, date range, currency, entity and search together', async () => {
    await expectFound(`entityType=contact&entityid=${w.contactId}&issueDateFrom=2026-02-01&filterValue=consulting`, ['E']);
    await expectFound(`currency=eur&dueDateTo=2026-02-15&status=paid`, ['C']);
    await expectFound(`currency=eur&dueDateTo=2026-02-15&status=paid&filterValue=day`, []);
  });
});

describe('errors and access', () => {
  it('401 without a token, 403 for a visitor', async () => {
    const anon = await call(t, 'GET', '/api/2.0/crm/invoice/filter', { token: null });
    expect(anon.status).toBe(401);
    expect(anon.body).toMatchObject({ status: 1, statusCode: 401 });
    const guest = await t.createUser({ isVisitor: true });
    const r = await call(t, 'GET', '/api/2.0/crm/invoice/filter', { token: guest.token });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ status: 1, statusCode: 403 });
  });
});
