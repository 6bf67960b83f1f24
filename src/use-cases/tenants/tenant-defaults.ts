import type { Tenant } from '../../domain/people/user.js';
import type { Executor } from '../../store/database.js';

/** Settings and reference data a new tenant starts with, written in the tenant's creating transaction. */
export async function seedTenantDefaults(_db: Executor, _tenant: Tenant, _now: number): Promise<void> {
  // TODO(issue 3): default opportunity stages and invoice settings.
}
