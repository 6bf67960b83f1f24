// The organisation logo (spec §5.17). The original uploads through a separate handler and then
// calls `PUT settings/organisation/logo`; here the same route (PUT or POST) takes the file itself.
import { invalid, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { validateLogo } from '../../domain/settings/organisation-logo.js';
import { findOrganisationLogo, insertOrganisationLogo } from '../../store/logos.store.js';
import { findInvoiceSettings, updateOrganisation } from '../../store/settings.store.js';
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
  if (input.reset) {
    await updateOrganisation(deps.store.db, tenantId, { companyLogoId: 0 });
    return 0;
  }
  if (!input.file) throw invalid('A logo file is required: send it as a multipart/form-data file part, or reset=true to remove the logo');
  const contentType = validateLogo(input.file.data, input.file.mimeType);
  const dataBase64 = Buffer.from(input.file.data.buffer, input.file.data.byteOffset, input.file.data.byteLength).toString('base64');
  const now = deps.clock.now();
  return deps.store.db.transaction().execute(async (trx) => {
    const id = await insertOrganisationLogo(trx, tenantId, { contentType, dataBase64, createdBy: actor.userId, now });
    await updateOrganisation(trx, tenantId, { companyLogoId: id });
    return id;
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
