// Users of the caller's tenant (DECISIONS "Tenants, users, tokens"; the ONLYOFFICE People API).
import { Type } from 'typebox';
import type { App } from '../app-type.js';
import type { Deps } from '../../use-cases/deps.js';
import { USER_STATUS_NAMES } from '../../domain/people/user-rules.js';
import { changeUsersStatus } from '../../use-cases/people/change-user-status.js';
import { listPeople } from '../../use-cases/people/list-people.js';
import { createPerson, getPerson } from '../../use-cases/people/people.js';
import { updatePerson } from '../../use-cases/people/update-person.js';
import { sendOk } from '../envelope.js';
import { fetchSize, pageMeta, pageOf, parseListQuery } from '../list-query.js';
import { presentPerson } from '../presenters/people.presenter.js';
import { GuidParam } from '../schemas/common.js';

const tags = ['people'];

const CreatePersonBody = Type.Object({
  email: Type.String(),
  firstname: Type.Optional(Type.String({ default: '' })),
  lastname: Type.Optional(Type.String({ default: '' })),
  title: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
  isVisitor: Type.Optional(Type.Boolean({ default: false })),
  isAdmin: Type.Optional(Type.Boolean({ default: false, description: 'CRM administrator (spec §3.5)' })),
});

// Absent members keep their value (no defaults here).
const UpdatePersonBody = Type.Object({
  firstname: Type.Optional(Type.String({ description: 'At most 255 characters' })),
  lastname: Type.Optional(Type.String({ description: 'At most 255 characters' })),
  title: Type.Optional(Type.String({ description: 'Job title; at most 255 characters' })),
  email: Type.Optional(Type.String({ description: 'Admins only; unique across the server' })),
  isAdmin: Type.Optional(Type.Boolean({ description: 'CRM administrator; admins only' })),
  isVisitor: Type.Optional(Type.Boolean({ description: 'Guest without CRM access; admins only' })),
  disable: Type.Optional(Type.Boolean({ description: 'ONLYOFFICE\'s disable: true disables, false enables; admins only, never oneself' })),
});

const UserRefParams = Type.Object({ userid: Type.String({ description: 'A user id (GUID), @self, or the user name (e-mail)' }) });

const PeopleListQuery = Type.Object({
  filterValue: Type.Optional(Type.String({ description: 'Search words: each must start the first name, the last name or the e-mail (any case)' })),
  startIndex: Type.Optional(Type.String({ description: 'Offset of the page' })),
  count: Type.Optional(Type.String({ description: 'Page size, 0–1000 (default 1000)' })),
});

const StatusParams = Type.Object({
  status: Type.String({ description: `ONLYOFFICE EmployeeStatus: ${Object.entries(USER_STATUS_NAMES).map(([k, v]) => `${v} (${k})`).join(', ')}, a name in any case or the number` }),
});
const StatusBody = Type.Object({
  userIds: Type.Array(GuidParam(), { default: [], description: 'Users to enable or disable, in any list form' }),
});

export function peopleRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/people',
    {
      schema: {
        tags,
        summary: 'The users of the caller\'s tenant',
        description:
          'An admin sees every user of the tenant, disabled ones too; anyone else sees the active users, as ONLYOFFICE\'s people list. Users of other tenants never appear. Members as people/@self. Ordered by display name (first and last name, any case), then e-mail; paged in SQL with `total` and `nextIndex` (spec §1.6).',
        querystring: PeopleListQuery,
      },
    },
    async (req, reply) => {
      const q = parseListQuery(req);
      const { users, total } = await listPeople(deps, req.actor, { filterValue: q.filterValue, offset: q.startIndex, limit: fetchSize(q) });
      return sendOk(reply, pageOf(q, users).map(presentPerson), pageMeta(q, users.length, total));
    },
  );

  app.get('/api/2.0/people/@self', { schema: { tags, summary: 'The calling user' } }, async (req, reply) =>
    sendOk(reply, presentPerson(await getPerson(deps, req.actor, '@self'))),
  );

  app.get(
    '/api/2.0/people/:id',
    { schema: { tags, summary: 'A user of the caller\'s tenant (by id, or by user name = e-mail); 404 otherwise', params: Type.Object({ id: Type.String() }) } },
    async (req, reply) => sendOk(reply, presentPerson(await getPerson(deps, req.actor, req.params.id))),
  );

  app.post(
    '/api/2.0/people',
    { schema: { tags, summary: 'Add a user (administrators only)', body: CreatePersonBody } },
    async (req, reply) => {
      const b = req.body;
      const user = await createPerson(deps, req.actor, {
        email: b.email, firstName: b.firstname ?? '', lastName: b.lastname ?? '', title: b.title,
        password: b.password, isVisitor: b.isVisitor, isAdmin: b.isAdmin,
      });
      return sendOk(reply, presentPerson(user));
    },
  );

  app.put(
    '/api/2.0/people/:userid',
    {
      schema: {
        tags,
        summary: 'Update a user',
        description:
          'Absent members keep their value. An admin changes any user of the tenant; anyone else only their own firstname, lastname and title (403 otherwise). The e-mail (unique across the server, else 400), isAdmin, isVisitor and disable are for admins only; an admin cannot take away their own admin rights or disable themself (403). A disabled user\'s tokens stop at once and are not revived by enabling them again. Users of other tenants answer 404. Answers the user as stored.',
        params: UserRefParams,
        body: UpdatePersonBody,
      },
    },
    async (req, reply) => {
      const b = req.body;
      const user = await updatePerson(deps, req.actor, req.params.userid, {
        firstName: b.firstname, lastName: b.lastname, title: b.title, email: b.email, isAdmin: b.isAdmin, isVisitor: b.isVisitor, disable: b.disable,
      });
      return sendOk(reply, presentPerson(user));
    },
  );

  app.put(
    '/api/2.0/people/status/:status',
    {
      schema: {
        tags,
        summary: 'Enable (Active, 1) or disable (Terminated, 2) users (administrators only)',
        description:
          'As ONLYOFFICE\'s UpdateUserStatus: admins only (403); the caller\'s own id refuses the whole request (403); unknown ids and other tenants\' users are skipped. A disabled user cannot log in and their existing tokens answer 401 at once (and stay revoked after enabling). Other statuses are a 400. Answers the users found, as they are after the change.',
        params: StatusParams,
        body: StatusBody,
      },
    },
    async (req, reply) => sendOk(reply, (await changeUsersStatus(deps, req.actor, req.params.status, req.body.userIds)).map(presentPerson)),
  );
}
