// Audit records of contact writes (issue 5): one per changed contact or contact information,
// written by the use case inside its own transaction.
import { diffFields } from '../../domain/audit/audit.js';
import { contactAuditView, contactInfoAuditView } from '../../domain/contacts/contact-audit.js';
import type { Contact, ContactInfo } from '../../domain/contacts/contact.js';
import { recordAudit, type AuditContext } from '../audit/audit.js';

type ContactPicture = Parameters<typeof contactAuditView>[0];
type InfoPicture = Omit<ContactInfo, 'id'>;

export function auditContact(ctx: AuditContext, action: 'created' | 'updated' | 'deleted', id: number, before?: ContactPicture, after?: ContactPicture): Promise<void> {
  return recordAudit(ctx, {
    action: `contact.${action}`, targetType: 'contact', targetIds: [id],
    changes: diffFields(before && contactAuditView(before), after && contactAuditView(after)),
  });
}

export function auditContactInfo(ctx: AuditContext, action: 'created' | 'updated' | 'deleted', id: number, before?: InfoPicture, after?: InfoPicture): Promise<void> {
  return recordAudit(ctx, {
    action: `contact-info.${action}`, targetType: 'contact-info', targetIds: [id],
    changes: diffFields(before && contactInfoAuditView(before), after && contactInfoAuditView(after)),
  });
}

/** Persons moved to another company (or to none): one record each, for their companyId. */
export async function auditPersonsRelinked(ctx: AuditContext, persons: readonly Contact[], companyId: number): Promise<void> {
  for (const p of persons) if (p.companyId !== companyId) await auditContact(ctx, 'updated', p.id, p, { ...p, companyId });
}
