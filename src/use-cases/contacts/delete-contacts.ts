// DELETE contact/{contactid} and PUT contact (batch delete), spec §3.9 and §6.2: a contact any
// invoice names as client or consignee is kept (403 / skipped). One transaction each, with the
// contact's information, access list, company links and opportunity links.
import { diffFields } from '../../domain/audit/audit.js';
import { canDeleteContact, canEditContact, canReadContact, type Contact } from '../../domain/contacts/contact.js';
import { accessDenied, invalid } from '../../domain/errors.js';
import type { Actor, User } from '../../domain/people/user.js';
import {
  deleteContacts, findContactIdsReferencedByInvoices, findOpportunityLinks, findPersonsOfCompanies, listContactInfosOf, lockContacts,
} from '../../store/contacts.store.js';
import type { Executor } from '../../store/database.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { loadUsers } from '../people/load-users.js';
import { auditContact, auditContactInfo, auditPersonsRelinked } from './contact-audit.js';
import { loadContactDetailsList, type ContactDetails } from './contact-details.js';
import { lockEditableContact } from './editable-contact.js';

/** The answer: the contacts as they were just before deletion, with what they showed. */
export async function deleteContact(deps: Deps, actor: Actor, id: number): Promise<ContactDetails> {
  return deps.store.transaction(async (trx) => {
    // Locked FOR UPDATE: an invoice being created on the contact commits first (and is found
    // below) or waits and finds no contact (with the key-share lock of lockContactsShared).
    const contact = await lockEditableContact(trx, deps.store.dialect, actor, id, 'contactid', 'delete');
    if ((await findContactIdsReferencedByInvoices(trx, actor.tenantId, [id])).has(id))
      throw accessDenied(`Access Denied: contact ${id} is used by an invoice as its contact or consignee`);
    const [details] = await loadContactDetailsList(trx, actor, [contact]);
    await removeContacts(deps, trx, actor, [contact]);
    return { ...details!, canDelete: true };
  });
}

/**
 * PUT contact with `contactids` (the original's DeleteBatchContacts): missing, unreadable,
 * not editable and referenced contacts are skipped silently. At least one id is required.
 */
export async function deleteContactsBatch(deps: Deps, actor: Actor, ids: readonly number[]): Promise<{ contacts: Contact[]; users: Map<string, User> }> {
  const wanted = ids.filter((id) => id > 0);
  if (ids.length === 0) throw invalid('contactids: at least one contact id is required');
  const contacts = await deps.store.transaction(async (trx) => {
    const found = [...(await lockContacts(trx, deps.store.dialect, actor.tenantId, wanted, 'delete')).values()];
    const editable = found.filter((c) => canReadContact(actor, c) && canEditContact(actor, c));
    const referenced = await findContactIdsReferencedByInvoices(trx, actor.tenantId, editable.map((c) => c.id));
    const deletable = editable.filter((c) => canDeleteContact(actor, c, referenced.has(c.id)));
    await removeContacts(deps, trx, actor, deletable);
    return deletable;
  });
  // The quick form shows the access lists of private contacts.
  return { contacts, users: await loadUsers(deps.store.db, actor.tenantId, contacts.flatMap((c) => c.accessList)) };
}

/** Deletes the contacts and records every object that changed: contacts, infos, persons, opportunities. */
async function removeContacts(deps: Deps, trx: Executor, actor: Actor, contacts: readonly Contact[]): Promise<void> {
  if (contacts.length === 0) return;
  const ids = contacts.map((c) => c.id);
  const gone = new Set(ids);
  const [infos, persons, opportunities] = await Promise.all([
    listContactInfosOf(trx, actor.tenantId, ids),
    findPersonsOfCompanies(trx, actor.tenantId, contacts.filter((c) => c.isCompany).map((c) => c.id)),
    findOpportunityLinks(trx, actor.tenantId, ids),
  ]);
  const now = deps.clock.now();
  await deleteContacts(trx, actor.tenantId, ids, actor.userId, now);
  const audit = auditContext(deps, trx, actor, now);
  for (const c of contacts) {
    for (const info of infos.get(c.id) ?? []) await auditContactInfo(audit, 'deleted', info.id, info, undefined);
    await auditContact(audit, 'deleted', c.id, c, undefined);
  }
  await auditPersonsRelinked(audit, persons.filter((p) => !gone.has(p.id)), 0);
  for (const o of opportunities) {
    const after = { contactId: gone.has(o.contactId) ? 0 : o.contactId, members: o.members.filter((m) => !gone.has(m)) };
    await recordAudit(audit, {
      action: 'opportunity.updated', targetType: 'opportunity', targetIds: [o.opportunityId],
      changes: diffFields({ contactId: o.contactId, members: o.members }, after),
    });
  }
}
