// The tenant's CRM settings kept outside tenant_settings' invoice columns: the default currency
// (DECISIONS "Tenants"; what items are reported in, spec §2.3.8, Q40) and the "configured" flag.
import type { Dialect, Executor } from './database.js';
import { bool, flag } from './rows.js';

export async function findDefaultCurrency(db: Executor, tenantId: number): Promise<string> {
  const row = await db.selectFrom('tenants').select('default_currency').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return row.default_currency;
}

/**
 * The default currency, with the tenant's row locked until the transaction ends (PostgreSQL):
 * every currency write (default currency and rates) takes this lock first, so a tenant's
 * currency writes run one after another. FOR NO KEY UPDATE leaves the foreign-key checks of
 * other tables' inserts (FOR KEY SHARE) unblocked.
 */
export async function lockDefaultCurrency(db: Executor, dialect: Dialect, tenantId: number): Promise<string> {
  let q = db.selectFrom('tenants').select('default_currency').where('id', '=', tenantId);
  if (dialect === 'postgres') q = q.forNoKeyUpdate();
  return (await q.executeTakeFirstOrThrow()).default_currency;
}

export async function updateDefaultCurrency(db: Executor, tenantId: number, code: string): Promise<void> {
  await db.updateTable('tenants').set({ default_currency: code }).where('id', '=', tenantId).execute();
}

/** Whether an administrator has marked the CRM as set up (`PUT crm/settings`). */
export async function findCrmConfigured(db: Executor, tenantId: number): Promise<boolean> {
  const row = await db.selectFrom('tenant_settings').select('crm_configured').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return bool(row.crm_configured);
}

/** The flag, its row locked until the transaction ends (PostgreSQL), so its change is recorded once. */
export async function lockCrmConfigured(db: Executor, dialect: Dialect, tenantId: number): Promise<boolean> {
  let q = db.selectFrom('tenant_settings').select('crm_configured').where('tenant_id', '=', tenantId);
  if (dialect === 'postgres') q = q.forNoKeyUpdate();
  return bool((await q.executeTakeFirstOrThrow()).crm_configured);
}

export async function updateCrmConfigured(db: Executor, tenantId: number, configured: boolean): Promise<void> {
  await db.updateTable('tenant_settings').set({ crm_configured: flag(configured) }).where('tenant_id', '=', tenantId).execute();
}
