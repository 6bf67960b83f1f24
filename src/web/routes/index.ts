// Every screen's routes, registered once (each screen area owns its own file).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../use-cases/deps.js';
import { invoicesRoutes } from './invoices.routes.js';
import { catalogueRoutes } from './catalogue.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { invoiceFormRoutes } from './invoice-form.routes.js';

export function registerScreens(_web: FastifyInstance, _deps: Deps): void {
  // Screen route files register here.
  invoicesRoutes(_web, _deps); // Engineer A: invoice list, details, client page
  invoiceFormRoutes(_web, _deps); // Engineer B: invoice form (new, edit, duplicate) and line editor
  catalogueRoutes(_web, _deps); settingsRoutes(_web, _deps); // Engineer C: products & services, taxes, settings
}
