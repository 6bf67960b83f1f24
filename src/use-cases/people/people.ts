import { randomUUID } from 'node:crypto';
import { accessDenied, duplicate, invalid, notFound } from '../../domain/errors.js';
import { hashPassword } from '../../domain/auth/passwords.js';
import { isValidEmail, MIN_PASSWORD_LENGTH, normaliseEmail, type Actor, type User } from '../../domain/people/user.js';
import { diffFields } from '../../domain/audit/audit.js';
import { normaliseUserRef, userAuditView } from '../../domain/people/user-rules.js';
import { emailExists, findUser, findUserByEmail, insertUser } from '../../store/users.store.js';
import type { Executor } from '../../store/database.js';
import { isUniqueViolation } from '../../store/rows.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';

export const duplicateEmail = (email: string) => duplicate(`A user with e-mail ${email} already exists`);

export const userNotFound = () => notFound('User not found');

/**
 * A user of the caller's own tenant by reference: `@self`, a GUID in any .NET text form, or the
 * user name (the e-mail), as ONLYOFFICE's people/{username}. Other tenants' users do not exist here.
 */
export async function findPersonByRef(db: Executor, actor: Actor, ref: string): Promise<User | undefined> {
  if (ref === '@self') return findUser(db, actor.tenantId, actor.userId);
  const id = normaliseUserRef(ref);
  if (id.includes('@')) return findUserByEmail(db, actor.tenantId, normaliseEmail(id));
  return findUser(db, actor.tenantId, id);
}

/** GET people/@self and people/{id}: users of the caller's own tenant only. */
export async function getPerson(deps: Deps, actor: Actor, id: string): Promise<User> {
  const user = await findPersonByRef(deps.store.db, actor, id);
  if (!user) throw userNotFound();
  return user;
}

export interface NewPerson {
  email: string;
  firstName: string;
  lastName: string;
  title?: string;
  password?: string;
  isVisitor?: boolean;
  isAdmin?: boolean;
}

export function validateNewPerson(p: NewPerson): void {
  if (!isValidEmail(normaliseEmail(p.email ?? ''))) throw invalid('email: a valid e-mail address is required');
  if ((p.firstName ?? '').length > 255 || (p.lastName ?? '').length > 255 || (p.title ?? '').length > 255)
    throw invalid('firstname, lastname and title must be at most 255 characters');
  if (p.password !== undefined && p.password !== '' && p.password.length < MIN_PASSWORD_LENGTH)
    throw invalid(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (p.isVisitor && p.isAdmin) throw invalid('A guest (isVisitor) cannot be a CRM admin');
}

export type PreparedPerson = Omit<User, 'createdAt'> & { passwordHash: string };

/** Validates and hashes outside any transaction (scrypt is slow; a transaction should not wait on it). */
export async function preparePerson(tenantId: number, p: NewPerson): Promise<PreparedPerson> {
  validateNewPerson(p);
  return {
    id: randomUUID(), tenantId, email: normaliseEmail(p.email),
    firstName: (p.firstName ?? '').trim(), lastName: (p.lastName ?? '').trim(), title: (p.title ?? '').trim(),
    isAdmin: !!p.isAdmin, isVisitor: !!p.isVisitor, isActive: true,
    // Without a password nobody can log in until a reset: '!' never verifies.
    passwordHash: p.password ? await hashPassword(p.password) : '!',
  };
}

/** Inserts a prepared user; a taken e-mail is a 400 (the unique index is the backstop for races). */
export async function insertPreparedPerson(db: Executor, person: PreparedPerson, now: number): Promise<void> {
  if (await emailExists(db, person.email)) throw duplicateEmail(person.email);
  try {
    await insertUser(db, person, now);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateEmail(person.email); // a concurrent insert won the race
    throw e;
  }
}

/** POST people: admins create users of their own tenant. */
export async function createPerson(deps: Deps, actor: Actor, p: NewPerson): Promise<User> {
  if (!actor.isAdmin) throw accessDenied('Only an administrator can add people');
  const person = await preparePerson(actor.tenantId, p);
  const now = deps.clock.now();
  await deps.store.transaction(async (trx) => {
    await insertPreparedPerson(trx, person, now);
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'user.created', targetType: 'user', targetIds: [person.id], changes: diffFields(undefined, userAuditView(person)),
    });
  });
  return (await findUser(deps.store.db, actor.tenantId, person.id))!;
}
