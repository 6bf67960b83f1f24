import { seriesStartValue } from '../../domain/invoices/numbering.js';
import { DEFAULT_STAGES } from '../../domain/opportunities/default-stages.js';
import type { Tenant } from '../../domain/people/user.js';
import { DEFAULT_INVOICE_SETTINGS } from '../../domain/settings/invoice-settings.js';
import type { Executor } from '../../store/database.js';
import { insertDefaultSettings } from '../../store/settings.store.js';
import { insertStages } from '../../store/stages.store.js';

/** Settings and reference data a new tenant starts with, written in the tenant's creating transaction. */
export async function seedTenantDefaults(db: Executor, tenant: Tenant, _now: number): Promise<void> {
  await insertDefaultSettings(db, tenant.id, DEFAULT_INVOICE_SETTINGS, seriesStartValue(DEFAULT_INVOICE_SETTINGS.number));
  await insertStages(db, tenant.id, DEFAULT_STAGES);
}
