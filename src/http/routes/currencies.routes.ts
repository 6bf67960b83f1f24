// The currency catalogue (spec §2.4, §6.5).
import type { Deps } from '../../use-cases/deps.js';
import { listCurrencies } from '../../use-cases/settings/list-currencies.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentCurrency } from '../presenters/common.js';

export function currenciesRoutes(app: App, _deps: Deps): void {
  app.get(
    '/api/2.0/crm/settings/currency',
    { schema: { tags: ['currencies'], summary: 'The currency catalogue (74 currencies, by abbreviation)' } },
    async (_req, reply) => sendOk(reply, listCurrencies().map(presentCurrency)),
  );
}
