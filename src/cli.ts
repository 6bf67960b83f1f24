// ledgerline CLI: tenants and users (DECISIONS "Tenants, users, tokens"). Uses DATABASE_URL and
// the other LEDGERLINE_* variables like the server; migrates the database first.
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { DomainError } from './domain/errors.js';
import { openStore } from './store/database.js';
import { systemClock, type Deps } from './use-cases/deps.js';
import { verifyAuditChain } from './use-cases/audit/audit.js';
import { addUserToTenant, createTenant, resetPassword, setTenantTimeZone } from './use-cases/tenants/tenants.js';

const HELP = `Usage: ledgerline <command> [options]

  tenant create --name NAME --admin-email EMAIL [--admin-password PW] [--timezone TZ] [--currency CODE]
  tenant set-timezone --tenant ID --timezone TZ
  user create --tenant ID --email EMAIL [--password PW] [--first-name F] [--last-name L] [--admin] [--visitor]
  user reset-password --email EMAIL [--password PW]
  audit verify --tenant ID

Without a password, one is generated and printed once.
Environment: DATABASE_URL (default sqlite:./data/ledgerline.db) and the server's LEDGERLINE_* variables.
`;

const OPTIONS = {
  name: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-password': { type: 'string' },
  timezone: { type: 'string' }, currency: { type: 'string' }, tenant: { type: 'string' },
  email: { type: 'string' }, password: { type: 'string' }, 'first-name': { type: 'string' }, 'last-name': { type: 'string' },
  admin: { type: 'boolean' }, visitor: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new DomainError('INVALID_ARGUMENT', `--${flag} is required`);
  return value;
}

function tenantId(text: string | undefined): number {
  const id = Number(required(text, 'tenant'));
  if (!Number.isInteger(id) || id <= 0) throw new DomainError('INVALID_ARGUMENT', '--tenant must be a positive integer');
  return id;
}

async function run(argv: string[]): Promise<number> {
  const { values: o, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const command = positionals.slice(0, 2).join(' ');
  if (o.help || !command) {
    process.stdout.write(HELP);
    return o.help ? 0 : 1;
  }
  const config = loadConfig();
  const store = await openStore(config.database);
  const deps: Deps = { store, config, clock: systemClock };
  try {
    switch (command) {
      case 'tenant create': {
        const r = await createTenant(deps, {
          name: required(o.name, 'name'), adminEmail: required(o['admin-email'], 'admin-email'),
          adminPassword: o['admin-password'], timeZone: o.timezone, defaultCurrency: o.currency,
        });
        process.stdout.write(`tenant ${r.tenant.id} "${r.tenant.name}" created; admin ${r.admin.email} (${r.admin.id})\n`);
        if (r.generatedPassword) process.stdout.write(`generated password (shown once): ${r.generatedPassword}\n`);
        return 0;
      }
      case 'tenant set-timezone':
        await setTenantTimeZone(deps, tenantId(o.tenant), required(o.timezone, 'timezone'));
        process.stdout.write(`tenant ${o.tenant} time zone set to ${o.timezone}\n`);
        return 0;
      case 'user create': {
        const generated = o.password ? undefined : (await import('./domain/auth/passwords.js')).generatePassword();
        const u = await addUserToTenant(deps, tenantId(o.tenant), {
          email: required(o.email, 'email'), password: o.password ?? generated,
          firstName: o['first-name'] ?? '', lastName: o['last-name'] ?? '', isAdmin: !!o.admin, isVisitor: !!o.visitor,
        });
        process.stdout.write(`user ${u.email} (${u.id}) created in tenant ${u.tenantId}\n`);
        if (generated) process.stdout.write(`generated password (shown once): ${generated}\n`);
        return 0;
      }
      case 'user reset-password': {
        const pw = await resetPassword(deps, required(o.email, 'email'), o.password);
        process.stdout.write(`password of ${o.email} reset; existing tokens revoked\n`);
        if (!o.password) process.stdout.write(`generated password (shown once): ${pw}\n`);
        return 0;
      }
      case 'audit verify': {
        const r = await verifyAuditChain(deps, tenantId(o.tenant));
        process.stdout.write(`${JSON.stringify(r)}\n`);
        return r.valid ? 0 : 2;
      }
      default:
        process.stderr.write(`Unknown command "${command}"\n\n${HELP}`);
        return 1;
    }
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof DomainError ? err.message : (err?.stack ?? err)}\n`);
    process.exit(1);
  },
);
