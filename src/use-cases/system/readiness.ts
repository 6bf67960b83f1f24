import { ping } from '../../store/database.js';
import type { Deps } from '../deps.js';

/** Ready when the database answers. */
export async function checkReady(deps: Deps): Promise<void> {
  await ping(deps.store.db);
}
