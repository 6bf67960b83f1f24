import type { Deps } from '../../use-cases/deps.js';
import type { App } from '../app-type.js';

// TODO(issue 8): Idempotency-Key on POST, PUT and DELETE.
export function registerIdempotency(_app: App, _deps: Deps): void {}
