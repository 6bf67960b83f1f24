// CRM rows the opportunity and settings suites need, written through the contacts store (any
// share type and access list, without going through the contacts API's own rules), plus small
// helpers for opportunities and the audit trail.
import { expect } from 'vitest';
import { insertContact as insertContactRow, insertContactAccess } from '../../src/store/contacts.store.js';
import { call } from './api.js';
import type { TestApp } from './test-app.js';

export interface ContactFixture {
  /** 0 private (admins and the access list), 1 read-write, 2 read (spec §2.1). Default 1. */
  shareType?: 0 | 1 | 2;
  isCompany?: boolean;
  name?: string;
  accessList?: string[];
  tenantId?: number;
}

let seq = 0;

/** Inserts a contact (and its access list); returns its id. */
export async function insertContact(t: TestApp, opts: ContactFixture = {}): Promise<number> {
  const db = t.deps.store.db;
  const tenantId = opts.tenantId ?? 1;
  const isCompany = opts.isCompany ?? false;
  const name = opts.name ?? `Contact ${++seq}`;
  const [first = '', ...rest] = name.split(' ');
  const id = await insertContactRow(
    db, tenantId,
    {
      isCompany, firstName: isCompany ? '' : first, lastName: isCompany ? '' : rest.join(' '), companyName: isCompany ? name : '',
      title: '', about: '', companyId: 0, shareType: opts.shareType ?? 1,
    },
    'fixture', t.clock.now(),
  );
  await insertContactAccess(db, tenantId, id, opts.accessList ?? []);
  return id;
}

export type CountedTable = 'opportunities' | 'opportunity_members' | 'opportunity_access' | 'contacts' | 'opportunity_stages' | 'audit_log';

/** Rows in a table (all tenants), for "nothing was written" checks. */
export async function countRows(t: TestApp, table: CountedTable): Promise<number> {
  const r = await t.deps.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Row counts of everything an opportunity or stage write may touch. */
export async function opportunityWriteCounts(t: TestApp): Promise<number[]> {
  const tables: CountedTable[] = ['opportunities', 'opportunity_members', 'opportunity_access', 'opportunity_stages', 'audit_log'];
  return Promise.all(tables.map((table) => countRows(t, table)));
}

/** The stored state of opportunities and stages, for "nothing changed" checks (row counts miss updates). */
export async function opportunityState(t: TestApp): Promise<unknown> {
  const db = t.deps.store.db;
  return {
    opportunities: await db.selectFrom('opportunities').selectAll().orderBy('id').execute(),
    members: await db.selectFrom('opportunity_members').selectAll().orderBy('opportunity_id').orderBy('contact_id').execute(),
    access: await db.selectFrom('opportunity_access').selectAll().orderBy('opportunity_id').orderBy('user_id').execute(),
    stages: await db.selectFrom('opportunity_stages').selectAll().orderBy('id').execute(),
    audit: await countRows(t, 'audit_log'),
  };
}

/** The first stage of tenant 1 (by sort order). */
export async function firstStageId(t: TestApp): Promise<number> {
  return (await call(t, 'GET', '/api/2.0/crm/opportunity/stage')).response[0].id;
}

/** Creates an opportunity through the API (admin unless a token is given); returns the answer. */
export async function createOpportunity(t: TestApp, body: Record<string, unknown>, token?: string): Promise<any> {
  const res = await call(t, 'POST', '/api/2.0/crm/opportunity', { json: body, ...(token ? { token } : {}) });
  expect(res.status, res.raw).toBe(201);
  return res.response;
}

/** Audit records of a target, newest first (read as the admin). */
export async function auditOf(t: TestApp, targetType: string, targetId: number): Promise<any[]> {
  const res = await call(t, 'GET', `/api/2.0/crm/audit?targetType=${targetType}&targetId=${targetId}`);
  expect(res.status, res.raw).toBe(200);
  return res.response;
}
