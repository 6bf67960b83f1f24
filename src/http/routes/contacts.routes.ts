// Contacts (spec §6.1–6.3, §3.5, §3.9): persons, companies and their information, as invoices need them.
import type { Deps } from '../../use-cases/deps.js';
import { addContactAddress, addContactAddressFromParams, addContactData } from '../../use-cases/contacts/add-contact-info.js';
import { createCompanyContact } from '../../use-cases/contacts/create-company.js';
import { createPersonContact } from '../../use-cases/contacts/create-person.js';
import { deleteContact, deleteContactsBatch } from '../../use-cases/contacts/delete-contacts.js';
import { getContact } from '../../use-cases/contacts/get-contact.js';
import { listContactData } from '../../use-cases/contacts/list-contact-infos.js';
import { listContacts } from '../../use-cases/contacts/list-contacts.js';
import { updateCompanyContact, updatePersonContact } from '../../use-cases/contacts/update-contact.js';
import { deleteContactData, updateContactAddress, updateContactData } from '../../use-cases/contacts/update-contact-info.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { fetchSize, pageMeta, pageOf, parseListQuery } from '../list-query.js';
import { presentContact, presentContactBase, presentContactInfo } from '../presenters/contacts.presenter.js';
import {
  AddressDataBody, CompanyIdParams, ContactDataBody, ContactFilterQuery, ContactIdParams, ContactInfoIdParams, ContactInfoParams, CreateCompanyBody,
  CreatePersonBody, DeleteContactParams, DeleteContactsBody, FlatAddressBody, PersonIdParams, UpdateCompanyBody, UpdateContactDataBody, UpdatePersonBody,
} from '../schemas/contacts.schemas.js';

const tags = ['contacts'];
const API = '/api/2.0/crm/contact';
// spec §1.1: numeric id segments are digits only; other paths match no route (404).
const ID = '(^\\d+$)';

const RIGHTS =
  'Rights (spec §3.5): a contact the caller may not read answers 404, as a missing one (its existence is not leaked); one they may read but not edit answers 403 "Access Denied: …".';

export function contactsRoutes(app: App, deps: Deps): void {
  app.get(
    `${API}/filter`,
    {
      schema: {
        tags,
        summary: 'Search and page the contacts the caller may read',
        description: [
          'Paged in SQL (spec §1.6): the page and `total` come from one predicate that includes the reader\'s rights (spec §3.5), so neither shows a contact the reader may not read; `nextIndex` when more rows exist.',
          'Answers the full Person/Company form (spec §2.3.13, as the original\'s contact/filter), with `canDelete` computed (may edit and no invoice names the contact).',
          'Kind: `contactListView` (ONLYOFFICE: All, Company, Person, WithOpportunity — a name in any case or 0–3; WithOpportunity = member of an opportunity), `contactType=person|company` (a Ledgerline alias; a number is ONLYOFFICE\'s contact-type list id) or `type=person|company` (the generic data-contract filter); kinds given twice must agree, else the result is empty.',
          'Also `responsibleid`, `isShared`, `fromDate`/`toDate` (creation), `contactStage` and `tags` (Ledgerline keeps neither stages nor tags). `filterValue`: words that each start the display name or one of its words, any case.',
        ].join(' '),
        querystring: ContactFilterQuery,
      },
    },
    async (req, reply) => {
      const q = parseListQuery(req);
      const b = req.query;
      const result = await listContacts(deps, req.actor, {
        contactListView: b.contactListView, contactType: b.contactType, contactStage: b.contactStage, type: b.type,
        responsibleId: b.responsibleid, isShared: b.isShared, tags: b.tags,
        fromDate: b.fromDate ? new Date(b.fromDate) : undefined, toDate: b.toDate ? new Date(b.toDate) : undefined,
        searchText: q.filterValue, sortBy: q.sortBy, descending: q.descending, offset: q.startIndex, limit: fetchSize(q),
      });
      const page = pageOf(q, result.details).map((d) => presentContact({ actor: req.actor, users: d.users }, d));
      return sendOk(reply, page, pageMeta(q, result.details.length, result.total));
    },
  );

  app.post(
    `${API}/person`,
    { schema: { tags, summary: 'Create a person (spec §6.1)', body: CreatePersonBody } },
    async (req, reply) => {
      const details = await createPersonContact(deps, req.actor, req.body);
      return sendOk(reply, presentContact({ actor: req.actor, users: details.users }, details));
    },
  );

  app.put(
    `${API}/person/:personid${ID}`,
    {
      schema: {
        tags,
        summary: 'Update a person',
        description: `A full replacement, as the original's: every member takes the value sent or its create default (jobTitle and about "", companyId 0, shareType 0 = private), with the rules of POST contact/person. \`managerList\` replaces the access list (absent or empty clears it). A company the person already belongs to is kept even when the caller may not read it. A company id answers 404. ${RIGHTS} Answers the person as stored.`,
        params: PersonIdParams,
        body: UpdatePersonBody,
      },
    },
    async (req, reply) => {
      const details = await updatePersonContact(deps, req.actor, req.params.personid, req.body);
      return sendOk(reply, presentContact({ actor: req.actor, users: details.users }, details));
    },
  );

  app.post(
    `${API}/company`,
    { schema: { tags, summary: 'Create a company (spec §6.2)', body: CreateCompanyBody } },
    async (req, reply) => {
      const details = await createCompanyContact(deps, req.actor, req.body);
      return sendOk(reply, presentContact({ actor: req.actor, users: details.users }, details));
    },
  );

  app.put(
    `${API}/company/:companyid${ID}`,
    {
      schema: {
        tags,
        summary: 'Update a company',
        description: `A full replacement, as the original's: companyName, about, shareType (default 0 = private) and managerList (replaces the access list; absent or empty clears it), with the rules of POST contact/company. The company's persons are kept (the original takes no personList here). A person id answers 404. ${RIGHTS} Answers the company as stored.`,
        params: CompanyIdParams,
        body: UpdateCompanyBody,
      },
    },
    async (req, reply) => {
      const details = await updateCompanyContact(deps, req.actor, req.params.companyid, req.body);
      return sendOk(reply, presentContact({ actor: req.actor, users: details.users }, details));
    },
  );

  app.put(
    API,
    {
      schema: {
        tags,
        summary: 'Delete several contacts (contactids)',
        description:
          'The original\'s DeleteBatchContacts: missing contacts, contacts the caller may not read or edit, and contacts an invoice names as its contact or consignee (spec §3.9) are skipped silently; the others are deleted in one transaction, as DELETE contact/{contactid}. No id at all is a 400. Answers the deleted contacts in the quick ContactBase form (spec §2.3.4; `canDelete` false, quirk Q28), by id.',
        body: DeleteContactsBody,
      },
    },
    async (req, reply) => {
      const { contacts, users } = await deleteContactsBatch(deps, req.actor, req.body.contactids);
      return sendOk(reply, contacts.map((c) => presentContactBase({ actor: req.actor, users }, c)));
    },
  );

  app.get(
    `${API}/:id${ID}`,
    { schema: { tags, summary: 'A person or company; 404 when missing or not readable', params: ContactIdParams } },
    async (req, reply) => {
      const details = await getContact(deps, req.actor, req.params.id);
      return sendOk(reply, presentContact({ actor: req.actor, users: details.users }, details));
    },
  );

  app.delete(
    `${API}/:contactid${ID}`,
    {
      schema: {
        tags,
        summary: 'Delete a person or company',
        description: `403 "Access Denied: …" while any invoice names the contact as its contact or consignee (spec §3.9). ${RIGHTS} In one transaction: the contact, its information and access list; persons of a deleted company lose the link; opportunities lose it as primary contact and member (as the original). Answers the contact as it was just before deletion (full form).`,
        params: DeleteContactParams,
      },
    },
    async (req, reply) => {
      const details = await deleteContact(deps, req.actor, req.params.contactid);
      return sendOk(reply, presentContact({ actor: req.actor, users: details.users }, details));
    },
  );

  app.get(
    `${API}/:contactid${ID}/data`,
    { schema: { tags, summary: 'All information of a contact, newest first', params: ContactInfoParams } },
    async (req, reply) => sendOk(reply, (await listContactData(deps, req.actor, req.params.contactid)).map(presentContactInfo)),
  );

  app.post(
    `${API}/:contactid${ID}/data`,
    { schema: { tags, summary: 'Add information (phone, e-mail, address…) to a contact (spec §6.3)', params: ContactInfoParams, body: ContactDataBody } },
    async (req, reply) => sendOk(reply, presentContactInfo(await addContactData(deps, req.actor, req.params.contactid, req.body))),
  );

  const INFO_RIGHTS = 'A contact that is missing, not readable or not editable answers 404 (spec §6.3, as POST data); so does an information that is missing or belongs to another contact (the original would move it to this contact).';

  app.put(
    `${API}/:contactid${ID}/data/:id${ID}`,
    {
      schema: {
        tags,
        summary: 'Update a contact information',
        description: `\`data\` is required; \`infoType\`, \`category\` and \`isPrimary\` keep their values when absent (a category alone applies to the current type; a kept category must fit a new type). Addresses are stored as by POST data. ${INFO_RIGHTS} An address an invoice uses may change: the invoice's snapshot keeps its text (spec §3.9).`,
        params: ContactInfoIdParams,
        body: UpdateContactDataBody,
      },
    },
    async (req, reply) => sendOk(reply, presentContactInfo(await updateContactData(deps, req.actor, req.params.contactid, req.params.id, req.body))),
  );

  app.delete(
    `${API}/:contactid${ID}/data/:id${ID}`,
    {
      schema: {
        tags,
        summary: 'Delete a contact information',
        description: `Always allowed, even for an address invoices use: their snapshots keep its text (spec §3.9). ${INFO_RIGHTS} Answers the deleted information.`,
        params: ContactInfoIdParams,
      },
    },
    async (req, reply) => sendOk(reply, presentContactInfo(await deleteContactData(deps, req.actor, req.params.contactid, req.params.id))),
  );

  app.post(
    `${API}/:contactid${ID}/addressdata`,
    { schema: { tags, summary: 'Add an address given as a nested `address` object (spec §6.3)', params: ContactInfoParams, body: AddressDataBody } },
    async (req, reply) => sendOk(reply, presentContactInfo(await addContactAddress(deps, req.actor, req.params.contactid, req.body.address))),
  );

  app.put(
    `${API}/:contactid${ID}/addressdata/:id${ID}`,
    {
      schema: {
        tags,
        summary: 'Replace an address given as a nested `address` object',
        description: `The rules of POST addressdata; the whole address is replaced (absent parts become "", category 0, isPrimary false). An information that is not an address answers 404. ${INFO_RIGHTS} An address an invoice uses may change: the invoice's snapshot keeps its text (spec §3.9).`,
        params: ContactInfoIdParams,
        body: AddressDataBody,
      },
    },
    async (req, reply) => sendOk(reply, presentContactInfo(await updateContactAddress(deps, req.actor, req.params.contactid, req.params.id, req.body.address))),
  );

  app.post(
    `${API}/:contactid${ID}/address`,
    { schema: { tags, summary: 'Add an address given as flat parameters street, city, state, zip, country, category, isPrimary', params: ContactInfoParams, body: FlatAddressBody } },
    async (req, reply) => sendOk(reply, presentContactInfo(await addContactAddressFromParams(deps, req.actor, req.params.contactid, req.body))),
  );
}
