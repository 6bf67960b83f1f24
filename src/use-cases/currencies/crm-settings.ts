// GET and PUT crm/settings: the CRM's own portal settings (a Ledgerline shape; the spec names only
// the default currency, §3.7): whether an administrator has marked the CRM as set up, and the
// default currency.
import { findCurrency, type CurrencyInfo } from '../../domain/currencies/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Executor } from '../../store/database.js';
import { findCrmConfigured, findDefaultCurrency, lockCrmConfigured, updateCrmConfigured } from '../../store/tenant-currency.store.js';
import type { Deps } from '../deps.js';
import { demandSettingsAdmin } from '../settings/settings-access.js';

export interface CrmSettings {
  configured: boolean;
  defaultCurrency: CurrencyInfo;
}

async function readCrmSettings(db: Executor, tenantId: number): Promise<CrmSettings> {
  const configured = await findCrmConfigured(db, tenantId);
  const code = await findDefaultCurrency(db, tenantId);
  return { configured, defaultCurrency: findCurrency(code)! };
}

/** GET crm/settings: any CRM user. */
export async function getCrmSettings(deps: Deps, actor: Actor): Promise<CrmSettings> {
  return readCrmSettings(deps.store.db, actor.tenantId);
}

/**
 * PUT crm/settings: CRM admins. `configured` omitted means true, as the original's
 * `configured ?? true`. One audit record when the flag changes.
 */
export async function updateCrmSettings(deps: Deps, actor: Actor, input: { configured: boolean | undefined }): Promise<CrmSettings> {
  demandSettingsAdmin(actor, 'the CRM settings');
  const configured = input.configured ?? true;
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const before = await lockCrmConfigured(trx, deps.store.dialect, actor.tenantId);
    if (before !== configured) {
      await updateCrmConfigured(trx, actor.tenantId, configured);
      await recordAudit(auditContext(deps, trx, actor, now), {
        action: 'settings.configured-changed', targetType: 'settings', targetIds: [actor.tenantId],
        changes: { configured: { before, after: configured } },
      });
    }
    return readCrmSettings(trx, actor.tenantId);
  });
}
