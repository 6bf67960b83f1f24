// The EN 16931 settings (our extension): the organisation's (any CRM user reads, CRM admins write)
// and each contact's (the contact's read right to read, its edit right to write; a contact the
// caller may not read or edit is a 404, as ONLYOFFICE's contact data routes answer, spec §6.3).
// A PUT changes the members it sends ("" clears one) and keeps the others; every write is audited.
import { diffFields } from '../../domain/audit/audit.js';
import { canEditContact, canReadContact } from '../../domain/contacts/contact.js';
import {
  validateContactSettings, validateSellerSettings, type ContactEinvoiceSettings, type ContactSettingsPatch, type SellerEinvoiceSettings, type SellerSettingsPatch,
} from '../../domain/einvoice/einvoice-settings.js';
import { invalid } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { findContact } from '../../store/contacts.store.js';
import {
  contactSettingsOr, findContactSettings, findSellerSettings, lockContactForSettings, lockSellerSettings, upsertContactSettings, upsertSellerSettings,
} from '../../store/einvoice.store.js';
import type { Executor } from '../../store/database.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import { contactNotFound } from '../contacts/get-contact.js';
import type { Deps } from '../deps.js';
import { demandSettingsAdmin } from '../settings/settings-access.js';

export async function getSellerSettings(deps: Deps, actor: Actor): Promise<SellerEinvoiceSettings> {
  return findSellerSettings(deps.store.db, actor.tenantId);
}

/** PUT crm/settings/organisation/einvoice: CRM admins only; answers the stored settings. */
export async function setSellerSettings(deps: Deps, actor: Actor, patch: SellerSettingsPatch): Promise<SellerEinvoiceSettings> {
  demandSettingsAdmin(actor, 'the organisation\'s e-invoice settings');
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    await lockSellerSettings(trx, deps.store.dialect, actor.tenantId);
    const before = await findSellerSettings(trx, actor.tenantId);
    const after = validateSellerSettings(before, patch);
    await upsertSellerSettings(trx, actor.tenantId, after, actor.userId, now);
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'organisation-einvoice.updated', targetType: 'organisation', targetIds: [actor.tenantId], changes: diffFields({ ...before }, { ...after }),
    });
    return findSellerSettings(trx, actor.tenantId);
  });
}

async function checkContact(db: Executor, actor: Actor, contactId: number, right: 'read' | 'edit'): Promise<void> {
  if (contactId <= 0) throw invalid(`contactid: must be a positive contact id (got ${contactId})`);
  const contact = await findContact(db, actor.tenantId, contactId);
  if (!contact || !(right === 'edit' ? canEditContact(actor, contact) : canReadContact(actor, contact))) throw contactNotFound(contactId);
}

export async function getContactSettings(deps: Deps, actor: Actor, contactId: number): Promise<ContactEinvoiceSettings> {
  const db = deps.store.db;
  await checkContact(db, actor, contactId, 'read');
  return contactSettingsOr(await findContactSettings(db, actor.tenantId, [contactId]), contactId);
}

/** PUT crm/contact/{id}/einvoice: needs the contact's edit right; answers the stored settings. */
export async function setContactSettings(deps: Deps, actor: Actor, contactId: number, patch: ContactSettingsPatch): Promise<ContactEinvoiceSettings> {
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    await lockContactForSettings(trx, deps.store.dialect, actor.tenantId, contactId);
    await checkContact(trx, actor, contactId, 'edit');
    const before = contactSettingsOr(await findContactSettings(trx, actor.tenantId, [contactId]), contactId);
    const after = validateContactSettings(before, patch);
    await upsertContactSettings(trx, actor.tenantId, contactId, after, actor.userId, now);
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'contact-einvoice.updated', targetType: 'contact', targetIds: [contactId], changes: diffFields({ ...before }, { ...after }),
    });
    return contactSettingsOr(await findContactSettings(trx, actor.tenantId, [contactId]), contactId);
  });
}
