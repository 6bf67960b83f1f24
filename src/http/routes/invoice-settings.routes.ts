// Invoice settings and the organisation profile (spec §5.14, §5.17).
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/deps.js';
import { getInvoiceSettings } from '../../use-cases/settings/invoice-settings.js';
import {
  getOrganisationAddress,
  getOrganisationName,
  setOrganisationAddress,
  setOrganisationName,
} from '../../use-cases/settings/organisation.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentInvoiceSettings } from '../presenters/settings.presenter.js';

const LOGO_NOTE =
  'The organisation logo (`PUT crm/settings/organisation/logo`, `GET crm/settings/organisation/logo`) is not implemented yet: `companyLogoID` is always 0.';

const OrganisationBaseBody = Type.Object({
  companyName: Type.String({ default: '', description: 'At most 255 characters; empty clears the name' }),
});

const part = (name: string) => Type.String({ default: '', description: `${name}, at most 255 characters` });
const OrganisationAddressBody = Type.Object({
  street: part('Street'),
  city: part('City'),
  state: part('State or region'),
  zip: part('Postal code'),
  country: part('Country'),
});

export function invoiceSettingsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/crm/invoice/settings',
    { schema: { tags: ['settings'], summary: 'Invoice settings (numbering, terms, organisation profile)', description: LOGO_NOTE } },
    async (req, reply) => sendOk(reply, presentInvoiceSettings(await getInvoiceSettings(deps, req.actor))),
  );

  app.get(
    '/api/2.0/crm/settings/organisation/base',
    { schema: { tags: ['settings'], summary: 'The organisation name (a Ledgerline addition)' } },
    async (req, reply) => sendOk(reply, await getOrganisationName(deps, req.actor)),
  );

  app.put(
    '/api/2.0/crm/settings/organisation/base',
    {
      schema: {
        tags: ['settings'],
        summary: 'Set the organisation name (administrators only); answers the name',
        description: LOGO_NOTE,
        body: OrganisationBaseBody,
      },
    },
    async (req, reply) => sendOk(reply, await setOrganisationName(deps, req.actor, req.body.companyName)),
  );

  app.get(
    '/api/2.0/crm/settings/organisation/address',
    { schema: { tags: ['settings'], summary: 'The organisation address as its JSON string, or "" (a Ledgerline addition)' } },
    async (req, reply) => sendOk(reply, await getOrganisationAddress(deps, req.actor)),
  );

  app.put(
    '/api/2.0/crm/settings/organisation/address',
    {
      schema: {
        tags: ['settings'],
        summary: 'Set the organisation address (administrators only)',
        description: 'Stores and answers the JSON string `{"type":"Billing","street":…,"city":…,"state":…,"zip":…,"country":…}` (spec §5.17).',
        body: OrganisationAddressBody,
      },
    },
    async (req, reply) => sendOk(reply, await setOrganisationAddress(deps, req.actor, req.body)),
  );
}
