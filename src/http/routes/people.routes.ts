import { Type } from 'typebox';
import type { App } from '../app-type.js';
import type { Deps } from '../../use-cases/deps.js';
import { createPerson, getPerson } from '../../use-cases/people/people.js';
import { sendOk } from '../envelope.js';
import { presentPerson } from '../presenters/people.presenter.js';

const CreatePersonBody = Type.Object({
  email: Type.String(),
  firstname: Type.Optional(Type.String({ default: '' })),
  lastname: Type.Optional(Type.String({ default: '' })),
  title: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
  isVisitor: Type.Optional(Type.Boolean({ default: false })),
  isAdmin: Type.Optional(Type.Boolean({ default: false, description: 'CRM administrator (spec §3.5)' })),
});

export function peopleRoutes(app: App, deps: Deps): void {
  app.get('/api/2.0/people/@self', { schema: { tags: ['people'], summary: 'The calling user' } }, async (req, reply) =>
    sendOk(reply, presentPerson(await getPerson(deps, req.actor, '@self'))),
  );

  app.get(
    '/api/2.0/people/:id',
    { schema: { tags: ['people'], summary: 'A user of the caller\'s tenant', params: Type.Object({ id: Type.String() }) } },
    async (req, reply) => sendOk(reply, presentPerson(await getPerson(deps, req.actor, req.params.id))),
  );

  app.post(
    '/api/2.0/people',
    { schema: { tags: ['people'], summary: 'Add a user (administrators only)', body: CreatePersonBody } },
    async (req, reply) => {
      const b = req.body;
      const user = await createPerson(deps, req.actor, {
        email: b.email, firstName: b.firstname ?? '', lastName: b.lastname ?? '', title: b.title,
        password: b.password, isVisitor: b.isVisitor, isAdmin: b.isAdmin,
      });
      return sendOk(reply, presentPerson(user));
    },
  );
}
