// Reads the configuration, opens the database (migrating it), creates the first tenant on first
// start, listens, and drains on SIGTERM/SIGINT.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openStore } from './store/database.js';
import { systemClock, type Deps } from './use-cases/deps.js';
import { bootstrap } from './use-cases/tenants/tenants.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config.database);
  const deps: Deps = { store, config, clock: systemClock };

  const first = await bootstrap(deps);
  if (first.generatedPassword) {
    // Written once to stderr, outside the JSON log, never logged (DECISIONS).
    process.stderr.write(
      `\nLedgerline: created tenant 1 and its administrator ${first.adminEmail}\n` +
        `Generated password (shown once): ${first.generatedPassword}\n\n`,
    );
  }

  const { app, lifecycle } = await buildApp(deps, {
    logger: { level: config.logLevel }, // buildApp adds the redaction and the path-only request serializer
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    lifecycle.draining = true;
    app.log.info({ signal }, 'draining');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests
      await store.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
  if (err instanceof ConfigError) process.stderr.write(`Configuration error: ${err.message}\n`);
  else process.stderr.write(`Ledgerline failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
