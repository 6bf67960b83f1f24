import type { Actor } from '../../domain/people/user.js';
import type { InvoiceSettings } from '../../domain/settings/invoice-settings.js';
import { findInvoiceSettings } from '../../store/settings.store.js';
import type { Deps } from '../deps.js';

/** GET invoice/settings (spec §5.14): any CRM user; the defaults until changed. */
export async function getInvoiceSettings(deps: Deps, actor: Actor): Promise<InvoiceSettings> {
  const { nextValue: _counter, ...settings } = await findInvoiceSettings(deps.store.db, actor.tenantId);
  return settings;
}
