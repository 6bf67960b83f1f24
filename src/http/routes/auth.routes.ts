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
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in: a token for an e-mail and password',
        description:
          'A failed login is 401 "User authentication failed". After 10 failed logins for an e-mail within 5 minutes (or 100 from one client address), further attempts answer 429 with `Retry-After` (seconds) until the window passes; successful logins are never limited and clear the e-mail\'s count. The counts are kept per process.',
        body: LoginBody,
      },
    },
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
