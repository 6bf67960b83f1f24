import { Type } from 'typebox';
import type { App } from '../app-type.js';
import { login } from '../../use-cases/auth/login.js';
import { logout } from '../../use-cases/auth/logout.js';
import type { Deps } from '../../use-cases/deps.js';
import { sendOk } from '../envelope.js';
import { formatApiDate } from '../wire-date.js';

const LoginBody = Type.Object({
  userName: Type.Optional(Type.String({ description: 'E-mail address' })),
  password: Type.Optional(Type.String()),
});

export function authRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/2.0/authentication',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'Log in: a token for an e-mail and password', body: LoginBody } },
    async (req, reply) => {
      const { token, expires, timeZone } = await login(deps, req.body.userName, req.body.password);
      return sendOk(reply, { token, expires: formatApiDate(expires, timeZone) });
    },
  );

  app.post(
    '/api/2.0/authentication/logout',
    { schema: { tags: ['auth'], summary: 'Revoke the token of this request' } },
    async (req, reply) => {
      await logout(deps, req.actor);
      return sendOk(reply, undefined);
    },
  );
}
