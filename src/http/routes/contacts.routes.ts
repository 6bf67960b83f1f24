// Contacts (spec §6.1–6.3): persons, companies and their information, as invoices need them.
import type { Deps } from '../../use-cases/deps.js';
import { addContactAddress, addContactAddressFromParams, addContactData } from '../../use-cases/contacts/add-contact-info.js';
import { createCompanyContact } from '../../use-cases/contacts/create-company.js';
import { createPersonContact } from '../../use-cases/contacts/create-person.js';
import { getContact } from '../../use-cases/contacts/get-contact.js';
import { listContactData } from '../../use-cases/contacts/list-contact-infos.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentContact, presentContactInfo } from '../presenters/contacts.presenter.js';
import {
  AddressDataBody, ContactDataBody, ContactIdParams, ContactInfoParams, CreateCompanyBody, CreatePersonBody, FlatAddressBody,
} from '../schemas/contacts.schemas.js';

const tags = ['contacts'];

export function contactsRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/2.0/crm/contact/person',
    { schema: { tags, summary: 'Create a person (spec §6.1)', body: CreatePersonBody } },
    async (req, reply) => {
      const details = await createPersonContact(deps, req.actor, req.body);
      return sendOk(reply, presentContact({ actor: req.actor, users: details.users }, details));
    },
  );

  app.post(
    '/api/2.0/crm/contact/company',
    { schema: { tags, summary: 'Create a company (spec §6.2)', body: CreateCompanyBody } },
    async (req, reply) => {
      const details = await createCompanyContact(deps, req.actor, req.body);
      return sendOk(reply, presentContact({ actor: req.actor, users: details.users }, details));
    },
  );

  app.get(
    '/api/2.0/crm/contact/:id',
    { schema: { tags, summary: 'A person or company; 404 when missing or not readable', params: ContactIdParams } },
    async (req, reply) => {
      const details = await getContact(deps, req.actor, req.params.id);
      return sendOk(reply, presentContact({ actor: req.actor, users: details.users }, details));
    },
  );

  app.get(
    '/api/2.0/crm/contact/:contactid/data',
    { schema: { tags, summary: 'All information of a contact, newest first', params: ContactInfoParams } },
    async (req, reply) => sendOk(reply, (await listContactData(deps, req.actor, req.params.contactid)).map(presentContactInfo)),
  );

  app.post(
    '/api/2.0/crm/contact/:contactid/data',
    { schema: { tags, summary: 'Add information (phone, e-mail, address…) to a contact (spec §6.3)', params: ContactInfoParams, body: ContactDataBody } },
    async (req, reply) => sendOk(reply, presentContactInfo(await addContactData(deps, req.actor, req.params.contactid, req.body))),
  );

  app.post(
    '/api/2.0/crm/contact/:contactid/addressdata',
    { schema: { tags, summary: 'Add an address given as a nested `address` object (spec §6.3)', params: ContactInfoParams, body: AddressDataBody } },
    async (req, reply) => sendOk(reply, presentContactInfo(await addContactAddress(deps, req.actor, req.params.contactid, req.body.address))),
  );

  app.post(
    '/api/2.0/crm/contact/:contactid/address',
    { schema: { tags, summary: 'Add an address given as flat parameters street, city, state, zip, country, category, isPrimary', params: ContactInfoParams, body: FlatAddressBody } },
    async (req, reply) => sendOk(reply, presentContactInfo(await addContactAddressFromParams(deps, req.actor, req.params.contactid, req.body))),
  );
}
