// The tenant's default currency (DECISIONS "Tenants"): what items are reported in (spec §2.3.8, Q40).
import type { Executor } from './database.js';

export async function findDefaultCurrency(db: Executor, tenantId: number): Promise<string> {
  const row = await db.selectFrom('tenants').select('default_currency').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return row.default_currency;
}
