import type { Deps } from '../../use-cases/deps.js';
import type { App } from '../app-type.js';

// TODO(issue 3): routes of this resource.
export function invoiceTaxesRoutes(_app: App, _deps: Deps): void {}
