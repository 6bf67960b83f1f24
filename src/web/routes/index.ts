// Every screen's routes, registered once (each screen area owns its own file).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../use-cases/deps.js';

export function registerScreens(_web: FastifyInstance, _deps: Deps): void {
  // Screen route files register here.
}
