// Organisation logos (spec §5.17), base64 text rows. A logo is never rewritten: a new upload is a
// new row, so an invoice snapshot's LogoBase64Id (spec §3.2) keeps naming the logo it was made with.
import type { LogoType, OrganisationLogo } from '../domain/settings/organisation-logo.js';
import type { Executor } from './database.js';
import { num } from './rows.js';

export interface NewOrganisationLogo {
  contentType: LogoType;
  dataBase64: string;
  createdBy: string;
  now: number;
}

export async function insertOrganisationLogo(db: Executor, tenantId: number, logo: NewOrganisationLogo): Promise<number> {
  const r = await db
    .insertInto('organisation_logos')
    .values({ tenant_id: tenantId, content_type: logo.contentType, data_base64: logo.dataBase64, created_by: logo.createdBy, created_at: logo.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return num(r.id);
}

/** The tenant's logo with this id (the PDF renderer reads the seller's logo here); undefined when none. */
export async function findOrganisationLogo(db: Executor, tenantId: number, id: number): Promise<OrganisationLogo | undefined> {
  if (!(id > 0)) return undefined;
  const r = await db
    .selectFrom('organisation_logos')
    .select(['id', 'content_type', 'data_base64'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { id: num(r.id), contentType: r.content_type as LogoType, dataBase64: r.data_base64 } : undefined;
}

/** The content type of one of the tenant's logos (no image data read); undefined when none. */
export async function findOrganisationLogoType(db: Executor, tenantId: number, id: number): Promise<LogoType | undefined> {
  if (!(id > 0)) return undefined;
  const r = await db.selectFrom('organisation_logos').select('content_type').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r ? (r.content_type as LogoType) : undefined;
}
