// The organisation profile that feeds the snapshot's "Seller" (spec §5.17). Writes: CRM admins only
// (spec §3.5); texts longer than the original's varchar(255) are a 400 (spec Q32).
import { diffFields } from '../../domain/audit/audit.js';
import { invalid } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { formatOrganisationAddress, type OrganisationAddress } from '../../domain/settings/invoice-settings.js';
import { findInvoiceSettings, lockInvoiceSettings, updateOrganisation } from '../../store/settings.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { demandSettingsAdmin } from './settings-access.js';

const MAX_LENGTH = 255;

function checkLength(param: string, value: string): void {
  const length = [...value].length;
  if (length > MAX_LENGTH) throw invalid(`${param}: at most ${MAX_LENGTH} characters (got ${length})`);
}

const demandAdmin = (actor: Actor) => demandSettingsAdmin(actor, 'the organisation profile');

export async function getOrganisationName(deps: Deps, actor: Actor): Promise<string> {
  return (await findInvoiceSettings(deps.store.db, actor.tenantId)).companyName;
}

/** '' when no address was saved, else the JSON string {"type":"Billing",…}. */
export async function getOrganisationAddress(deps: Deps, actor: Actor): Promise<string> {
  return (await findInvoiceSettings(deps.store.db, actor.tenantId)).companyAddress;
}

/** PUT settings/organisation/base: answers the stored name. */
export async function setOrganisationName(deps: Deps, actor: Actor, companyName: string): Promise<string> {
  demandAdmin(actor);
  checkLength('companyName', companyName);
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const before = await lockInvoiceSettings(trx, deps.store.dialect, actor.tenantId);
    await updateOrganisation(trx, actor.tenantId, { companyName });
    const stored = (await findInvoiceSettings(trx, actor.tenantId)).companyName;
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'settings.organisation-name-changed', targetType: 'settings', targetIds: [actor.tenantId],
      changes: diffFields({ companyName: before.companyName }, { companyName: stored }),
    });
    return stored;
  });
}

/** PUT settings/organisation/address: stores and answers the JSON string {"type":"Billing",…}. */
export async function setOrganisationAddress(deps: Deps, actor: Actor, address: OrganisationAddress): Promise<string> {
  demandAdmin(actor);
  for (const part of ['street', 'city', 'state', 'zip', 'country'] as const) checkLength(part, address[part]);
  const companyAddress = formatOrganisationAddress(address);
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const before = await lockInvoiceSettings(trx, deps.store.dialect, actor.tenantId);
    await updateOrganisation(trx, actor.tenantId, { companyAddress });
    const stored = (await findInvoiceSettings(trx, actor.tenantId)).companyAddress;
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'settings.organisation-address-changed', targetType: 'settings', targetIds: [actor.tenantId],
      changes: diffFields({ companyAddress: before.companyAddress }, { companyAddress: stored }),
    });
    return stored;
  });
}
