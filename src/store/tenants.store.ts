import type { Tenant } from '../domain/people/user.js';
import type { Executor } from './database.js';
import { num } from './rows.js';

type TenantRow = { id: number; name: string; time_zone: string; default_currency: string };
const toTenant = (r: TenantRow): Tenant => ({ id: num(r.id), name: r.name, timeZone: r.time_zone, defaultCurrency: r.default_currency });

export async function findTenant(db: Executor, id: number): Promise<Tenant | undefined> {
  const row = await db.selectFrom('tenants').select(['id', 'name', 'time_zone', 'default_currency']).where('id', '=', id).executeTakeFirst();
  return row && toTenant(row);
}

export async function countTenants(db: Executor): Promise<number> {
  const row = await db.selectFrom('tenants').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return num(row.n);
}

export async function insertTenant(db: Executor, t: Omit<Tenant, 'id'>, now: number): Promise<Tenant> {
  const row = await db
    .insertInto('tenants')
    .values({ name: t.name, time_zone: t.timeZone, default_currency: t.defaultCurrency, created_at: now })
    .returning(['id', 'name', 'time_zone', 'default_currency'])
    .executeTakeFirstOrThrow();
  return toTenant(row);
}

export async function updateTenantTimeZone(db: Executor, id: number, timeZone: string): Promise<boolean> {
  const r = await db.updateTable('tenants').set({ time_zone: timeZone }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
