import type { Deps } from '../../use-cases/deps.js';
import type { App } from '../app-type.js';

// TODO(issue 8): login throttling (429 with Retry-After).
export function registerLoginThrottle(_app: App, _deps: Deps): void {}
