// Tenants (ONLYOFFICE portals): first-start bootstrap and the CLI's verbs.
import { invalid, notFound } from '../../domain/errors.js';
import { generatePassword, hashPassword } from '../../domain/auth/passwords.js';
import { normaliseEmail, type Tenant, type User } from '../../domain/people/user.js';
import { isValidTimeZone } from '../../config.js';
import { countTenants, insertTenant, findTenant, updateTenantTimeZone } from '../../store/tenants.store.js';
import { revokeUserTokens } from '../../store/tokens.store.js';
import { findUser, findUserCredentialsByEmail, updateUserPassword } from '../../store/users.store.js';
import type { Deps } from '../deps.js';
import { insertPreparedPerson, preparePerson, type NewPerson } from '../people/people.js';
import { seedTenantDefaults } from './tenant-defaults.js';

export interface NewTenant {
  name: string;
  timeZone?: string;
  defaultCurrency?: string;
  adminEmail: string;
  adminPassword?: string;
}

/** Creates a tenant with its first admin. Returns the admin and the password if one was generated. */
export async function createTenant(deps: Deps, t: NewTenant): Promise<{ tenant: Tenant; admin: User; generatedPassword?: string }> {
  const timeZone = t.timeZone || deps.config.timezone;
  if (!isValidTimeZone(timeZone)) throw invalid(`Unknown time zone "${timeZone}"`);
  const defaultCurrency = (t.defaultCurrency || deps.config.defaultCurrency).toUpperCase();
  const generatedPassword = t.adminPassword ? undefined : generatePassword();
  const prepared = await preparePerson(0, {
    email: t.adminEmail, firstName: 'Administrator', lastName: '', isAdmin: true,
    password: t.adminPassword ?? generatedPassword,
  });
  const now = deps.clock.now();
  const tenant = await deps.store.transaction(async (trx) => {
    const tenant = await insertTenant(trx, { name: t.name, timeZone, defaultCurrency }, now);
    await seedTenantDefaults(trx, tenant, now);
    await insertPreparedPerson(trx, { ...prepared, tenantId: tenant.id }, now);
    return tenant;
  });
  const admin = (await findUser(deps.store.db, tenant.id, prepared.id))!;
  return generatedPassword ? { tenant, admin, generatedPassword } : { tenant, admin };
}

/** First start: tenant 1 and its admin from the environment. Later starts change nothing. */
export async function bootstrap(deps: Deps): Promise<{ created: boolean; adminEmail: string; generatedPassword?: string }> {
  if ((await countTenants(deps.store.db)) > 0) return { created: false, adminEmail: deps.config.adminEmail };
  const r = await createTenant(deps, {
    name: 'Ledgerline',
    adminEmail: deps.config.adminEmail,
    adminPassword: deps.config.adminPassword,
  });
  return { created: true, adminEmail: r.admin.email, ...(r.generatedPassword ? { generatedPassword: r.generatedPassword } : {}) };
}

export async function resetPassword(deps: Deps, email: string, password?: string): Promise<string> {
  const user = await findUserCredentialsByEmail(deps.store.db, normaliseEmail(email));
  if (!user) throw notFound(`No user with e-mail ${email}`);
  const next = password || generatePassword();
  await updateUserPassword(deps.store.db, user.id, await hashPassword(next));
  await revokeUserTokens(deps.store.db, user.id, deps.clock.now());
  return next;
}

export async function setTenantTimeZone(deps: Deps, tenantId: number, timeZone: string): Promise<void> {
  if (!isValidTimeZone(timeZone)) throw invalid(`Unknown time zone "${timeZone}"`);
  if (!(await findTenant(deps.store.db, tenantId))) throw notFound(`No tenant ${tenantId}`);
  await updateTenantTimeZone(deps.store.db, tenantId, timeZone);
}

/** CLI: adds a user to any tenant (the API's POST people adds to the caller's own). */
export async function addUserToTenant(deps: Deps, tenantId: number, p: NewPerson): Promise<User> {
  if (!(await findTenant(deps.store.db, tenantId))) throw notFound(`No tenant ${tenantId}`);
  const person = await preparePerson(tenantId, p);
  await deps.store.transaction((trx) => insertPreparedPerson(trx, person, deps.clock.now()));
  return (await findUser(deps.store.db, tenantId, person.id))!;
}
