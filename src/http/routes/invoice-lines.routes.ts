import type { Deps } from '../../use-cases/deps.js';
import type { App } from '../app-type.js';

// TODO(issue 4): routes of this resource.
export function invoiceLinesRoutes(_app: App, _deps: Deps): void {}
