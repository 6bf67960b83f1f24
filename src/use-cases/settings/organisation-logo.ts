// The organisation logo (spec §5.17). The original uploads through a separate handler and then
// calls `PUT settings/organisation/logo`; here the same route (PUT or POST) takes the file itself.
import { diffFields } from '../../domain/audit/audit.js';
import { logoAuditView } from '../../domain/audit/views.js';
import { invalid, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { validateLogo } from '../../domain/settings/organisation-logo.js';
import type { Executor } from '../../store/database.js';
import { findOrganisationLogo, findOrganisationLogoType, insertOrganisationLogo } from '../../store/logos.store.js';
import { findInvoiceSettings, lockInvoiceSettings, updateOrganisation } from '../../store/settings.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { demandSettingsAdmin } from './settings-access.js';

export interface LogoUpload {
  mimeType: string;
  data: Uint8Array;
}

/**
 * PUT/POST settings/organisation/logo (admin): `reset` clears the logo (answers 0); else the
 * uploaded image becomes the logo (answers its id). Earlier logos stay stored: invoice snapshots
 * name the logo they were made with.
 */
export async function updateOrganisationLogo(deps: Deps, actor: Actor, input: { reset: boolean; file: LogoUpload | undefined }): Promise<number> {
  demandSettingsAdmin(actor, 'the organisation profile');
  const tenantId = actor.tenantId;
  const now = deps.clock.now();
  if (input.reset) {
    return deps.store.transaction(async (trx) => {
      const before = await currentLogo(deps, trx, tenantId);
      await updateOrganisation(trx, tenantId, { companyLogoId: 0 });
      await auditLogoChange(deps, trx, actor, now, before, logoAuditView(0, undefined));
      return 0;
    });
  }
  if (!input.file) throw invalid('A logo file is required: send it as a multipart/form-data file part, or reset=true to remove the logo');
  const contentType = validateLogo(input.file.data, input.file.mimeType);
  const dataBase64 = Buffer.from(input.file.data.buffer, input.file.data.byteOffset, input.file.data.byteLength).toString('base64');
  return deps.store.transaction(async (trx) => {
    const before = await currentLogo(deps, trx, tenantId);
    const id = await insertOrganisationLogo(trx, tenantId, { contentType, dataBase64, createdBy: actor.userId, now });
    await updateOrganisation(trx, tenantId, { companyLogoId: id });
    await auditLogoChange(deps, trx, actor, now, before, logoAuditView(id, contentType));
    return id;
  });
}

type LogoView = ReturnType<typeof logoAuditView>;

/** The logo the settings name now (the row locked), as the audit trail shows it. */
async function currentLogo(deps: Deps, trx: Executor, tenantId: number): Promise<LogoView> {
  const { companyLogoId } = await lockInvoiceSettings(trx, deps.store.dialect, tenantId);
  return logoAuditView(companyLogoId, await findOrganisationLogoType(trx, tenantId, companyLogoId));
}

/** The record of a logo change: ids and content types only, never the image. */
async function auditLogoChange(deps: Deps, trx: Executor, actor: Actor, now: number, before: LogoView, after: LogoView): Promise<void> {
  await recordAudit(auditContext(deps, trx, actor, now), {
    action: 'settings.organisation-logo-changed', targetType: 'settings', targetIds: [actor.tenantId], changes: diffFields(before, after),
  });
}

/**
 * GET settings/organisation/logo?id= (any CRM user): the base64 image. Id 0 or omitted: the
 * current logo ("" when there is none); another id must be one of the tenant's logos (else 404).
 */
export async function getOrganisationLogo(deps: Deps, actor: Actor, id: number): Promise<string> {
  if (id < 0) throw invalid('id must not be negative');
  const db = deps.store.db;
  const logoId = id || (await findInvoiceSettings(db, actor.tenantId)).companyLogoId;
  if (logoId === 0) return '';
  const logo = await findOrganisationLogo(db, actor.tenantId, logoId);
  if (!logo) throw notFound(`Organisation logo ${logoId} not found`);
  return logo.dataBase64;
}
