// Who may change which user, and how (DECISIONS "Tenants, users, tokens"; ONLYOFFICE People API
// `PUT people/{userid}` and `PUT people/status/{status}`).
import { accessDenied, invalid } from '../errors.js';
import { isValidEmail, normaliseEmail, type Actor, type User } from './user.js';

/** ONLYOFFICE EmployeeStatus members this API sets: 1 Active, 2 Terminated (disabled). */
export const USER_STATUS_NAMES = { Active: 1, Terminated: 2 } as const;
export type UserStatus = 'active' | 'terminated';

/** The status path segment: a member name in any case or its number (spec §1.3 enums). */
export function parseUserStatus(text: string): UserStatus {
  const t = text.trim();
  const named = Object.entries(USER_STATUS_NAMES).find(([k]) => k.toLowerCase() === t.toLowerCase())?.[1];
  const wire = named ?? (/^[+-]?\d+$/.test(t) ? Number(t) : undefined);
  if (wire === USER_STATUS_NAMES.Active) return 'active';
  if (wire === USER_STATUS_NAMES.Terminated) return 'terminated';
  throw invalid(`status: ${JSON.stringify(t.slice(0, 40))} is not a user status this API sets (1 or Active, 2 or Terminated)`);
}

export const NAME_MAX = 255;

/** The members of a user that `PUT people/{userid}` writes. */
export type UserFields = Pick<User, 'email' | 'firstName' | 'lastName' | 'title' | 'isAdmin' | 'isVisitor' | 'isActive'>;

/** What `PUT people/{userid}` may send; absent members keep their value. */
export interface UserChange {
  firstName?: string;
  lastName?: string;
  title?: string;
  email?: string;
  isAdmin?: boolean;
  isVisitor?: boolean;
  /** ONLYOFFICE's `disable`: true disables the user, false enables them (admins only, never oneself). */
  disable?: boolean;
}

export const userAuditView = (u: UserFields) => ({
  email: u.email, firstName: u.firstName, lastName: u.lastName, title: u.title, isAdmin: u.isAdmin, isVisitor: u.isVisitor, isActive: u.isActive,
});

function name(param: string, value: string | undefined, current: string): string {
  if (value === undefined) return current;
  const v = value.trim();
  if (v.length > NAME_MAX) throw invalid(`${param}: at most ${NAME_MAX} characters (got ${v.length})`);
  return v;
}

/**
 * The user after the change, or the reason it is refused. Order: rights (403), then values (400).
 * An admin changes anyone; a user changes only their own first name, last name and title. The
 * e-mail, the admin and guest flags and the status are an admin's; an admin may not take away
 * their own admin right, make themself a guest or disable themself (so a portal keeps an admin).
 */
export function computeUserUpdate(actor: Actor, target: User, change: UserChange): UserFields {
  const self = target.id === actor.userId;
  const email = change.email === undefined ? target.email : normaliseEmail(change.email);
  const isAdmin = change.isAdmin ?? target.isAdmin;
  const isVisitor = change.isVisitor ?? target.isVisitor;
  const isActive = change.disable === undefined ? target.isActive : !change.disable;
  if (!actor.isAdmin) {
    if (!self) throw accessDenied('Access Denied: only an administrator can change another user');
    if (email !== target.email) throw accessDenied('Access Denied: only an administrator can change an e-mail address');
    if (isAdmin !== target.isAdmin || isVisitor !== target.isVisitor) throw accessDenied('Access Denied: only an administrator can change isAdmin or isVisitor');
    if (isActive !== target.isActive) throw accessDenied('Access Denied: only an administrator can enable or disable a user');
  } else if (self) {
    if (!isAdmin || isVisitor) throw accessDenied('Access Denied: an administrator cannot take away their own administrator rights');
    if (!isActive) throw accessDenied('Access Denied: an administrator cannot disable themself');
  }
  if (!isValidEmail(email)) throw invalid('email: a valid e-mail address is required');
  if (isVisitor && isAdmin) throw invalid('A guest (isVisitor) cannot be a CRM admin');
  return {
    email,
    firstName: name('firstname', change.firstName, target.firstName),
    lastName: name('lastname', change.lastName, target.lastName),
    title: name('title', change.title, target.title),
    isAdmin,
    isVisitor,
    isActive,
  };
}

/** `PUT people/status/{status}`: admins only, and never their own status (ONLYOFFICE: SecurityException). */
export function checkStatusChange(actor: Actor, userIds: readonly string[]): void {
  if (!actor.isAdmin) throw accessDenied('Access Denied: only an administrator can enable or disable users');
  if (userIds.includes(actor.userId)) throw accessDenied('Access Denied: you cannot change your own status');
}

/** A user reference of the People API: a GUID in any of .NET's text forms (lower-cased, dashed), else as given. */
export function normaliseUserRef(ref: string): string {
  const t = ref.trim();
  const hex = t.replace(/^\{|\}$/g, '').replace(/-/g, '');
  if (/^[0-9a-f]{32}$/i.test(hex) && /^(\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?|[0-9a-f]{32})$/i.test(t)) {
    const h = hex.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return t;
}
