import { accessDenied } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';

/** Settings writes are for CRM admins only (spec §3.5); `what` names the settings in the 403. */
export function demandSettingsAdmin(actor: Actor, what: string): void {
  if (!actor.isAdmin) throw accessDenied(`Access Denied: only a CRM administrator may change ${what}`);
}
