// CRM rows the opportunity and settings suites need, written through the contacts store (any
// share type and access list, without going through the contacts API's own rules).
import { insertContact as insertContactRow, insertContactAccess } from '../../src/store/contacts.store.js';
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

/** Rows in a table (all tenants), for "nothing was written" checks. */
export async function countRows(t: TestApp, table: 'opportunities' | 'opportunity_members' | 'opportunity_access' | 'contacts'): Promise<number> {
  const r = await t.deps.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
