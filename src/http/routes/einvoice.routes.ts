import type { Deps } from '../../use-cases/deps.js';
import type { App } from '../app-type.js';

// TODO(issue 6): routes of this resource.
export function einvoiceRoutes(_app: App, _deps: Deps): void {}
