// Shared by the currency tests: what a currency write may change, and a refusal that wrote nothing.
import { expectRefusedUnchanged, type ApiResult } from './api.js';
import type { TestApp } from './test-app.js';

/** Everything a currency or CRM-settings write may change. */
export async function currencyWrites(t: TestApp) {
  const db = t.deps.store.db;
  return Promise.all([
    db.selectFrom('currency_rates').selectAll().orderBy('id').execute(),
    db.selectFrom('tenants').select(['id', 'default_currency']).orderBy('id').execute(),
    db.selectFrom('tenant_settings').select(['tenant_id', 'crm_configured']).orderBy('tenant_id').execute(),
    db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]);
}

/** A 4xx with this message that wrote nothing. */
export const expectRefused = (t: TestApp, req: () => Promise<ApiResult>, status: number, message: string | RegExp) =>
  expectRefusedUnchanged(() => currencyWrites(t), req, status, message);
