// Opens the configured database (SQLite embedded by default, PostgreSQL for scale-out) and runs
// the migrations. The only place that knows about drivers.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type ControlledTransaction,
  type DatabaseConnection,
  type Transaction,
} from 'kysely';
import type { DatabaseConfig } from '../config.js';
import type { DB } from './schema.js';
import { migrateToLatest } from './migrations/index.js';
import { PREPARE_MARK } from './plain-sql.js';

export type Dialect = 'sqlite' | 'postgres';
/** Any executor a store function accepts: the database itself or a transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Store {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Statements executed so far (tests count queries per request to prove there is no N+1). */
  readonly queryCount: number;
  /**
   * The one way a use case opens a write transaction: `fn` runs inside it, its result is returned
   * once the transaction is durably committed, an error rolls back everything `fn` wrote. On
   * PostgreSQL a plain transaction; on SQLite with group commit (README "Group commit") concurrent
   * calls share one `BEGIN IMMEDIATE … COMMIT`, each in its own savepoint. A call made inside `fn`
   * (nested) runs in a nested savepoint of the same transaction.
   */
  transaction<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  /** Commits and batches so far (tests and the bench prove batching with them). */
  readonly commitStats: CommitStats;
  close(): Promise<void>;
}

export interface CommitStats {
  /** Whether concurrent transactions share commits (SQLite with group commit on). */
  groupCommit: boolean;
  /** COMMITs of write transactions opened through `store.transaction` (one per batch with group commit). */
  commits: number;
  /** Transactions (jobs) committed or rolled back through `store.transaction`. */
  transactions: number;
  /** Largest batch so far. */
  largestBatch: number;
}

export interface StoreOptions {
  migrate?: boolean;
  /** Most transactions one group commit holds (default 64). */
  maxBatch?: number;
}

// SQLite supports transactional DDL although Kysely's adapter does not claim it (DESIGN "Data"):
// claim it, so that every migration runs in a transaction on both databases.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
// Write transactions take SQLite's write lock at BEGIN (IMMEDIATE): a transaction that reads and
// then writes cannot fail with SQLITE_BUSY half-way when another process (the CLI) writes too;
// busy_timeout waits at BEGIN instead.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
class LedgerlineSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export function openSqlite(file: string): BetterSqlite3.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL'); // an acknowledged write survives a crash
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Unicode case folding for lower(), as PostgreSQL does (SQLite's own folds ASCII only), so
  // searches and case-insensitive sorts agree on both databases.
  sqlite.function('lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s));
  return sqlite;
}

/**
 * Kysely prepares every statement again on every call; SQL text repeats (parameters are bound), so
 * prepared statements are kept and reused (measured: create ×1.39, read ×1.54). Safe because
 * Kysely runs one statement at a time on SQLite's single connection.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (text: string) => {
          let statement = statements.get(text);
          if (!statement) {
            if (statements.size >= 1000) statements.clear();
            statement = target.prepare(text);
            statements.set(text, statement);
          }
          return statement;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** What a transaction opened by `store.transaction` knows while its function runs (nesting). */
interface TransactionContext {
  owner: object;
  trx: Transaction<DB>;
  depth: number;
}
const currentTransaction = new AsyncLocalStorage<TransactionContext>();

const savepoint = (name: string) => ({
  open: CompiledQuery.raw(`savepoint ${name}`),
  release: CompiledQuery.raw(`release ${name}`),
  rollback: CompiledQuery.raw(`rollback to ${name}`),
});
const JOB = savepoint('ll_job');
const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A call of `store.transaction` made inside another one: a nested savepoint of the same transaction. */
async function runNested<T>(ctx: TransactionContext, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const sp = savepoint(`ll_nested_${ctx.depth + 1}`);
  await ctx.trx.executeQuery(sp.open);
  let value: T;
  try {
    value = await currentTransaction.run({ ...ctx, depth: ctx.depth + 1 }, () => fn(ctx.trx));
  } catch (error) {
    await ctx.trx.executeQuery(sp.rollback);
    await ctx.trx.executeQuery(sp.release);
    throw error;
  }
  await ctx.trx.executeQuery(sp.release);
  return value;
}

interface Job {
  fn: (trx: Transaction<DB>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
}

/**
 * Group commit on SQLite (README "Group commit"). Calls queue up; a batcher takes up to `maxBatch`
 * of them and runs them in ONE `BEGIN IMMEDIATE … COMMIT`, strictly one after another, each in its
 * own savepoint. Kysely's SQLite driver has one connection behind a mutex, and the controlled
 * transaction holds it for the whole batch, so nothing else (no read outside a transaction) runs on
 * the connection until the batch has committed or rolled back: nobody sees a batch's rows before
 * they are durable. A job that throws is rolled back to its savepoint and rejects with its own
 * error; the others go on. The COMMIT is one fsync (synchronous=FULL); every promise settles only
 * after it: if it fails, every job of the batch rejects. better-sqlite3 is synchronous, so the
 * batcher starts on `setImmediate`: the requests whose bytes arrived meanwhile (and during the
 * previous COMMIT, which blocks the thread) are parsed first and join the batch.
 */
class GroupCommitter {
  readonly #queue: Job[] = [];
  #scheduled = false;
  #running = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly sqlite: BetterSqlite3.Database,
    private readonly owner: object,
    private readonly stats: CommitStats,
    private readonly maxBatch: number,
  ) {}

  /** Resolves once nothing is queued or running (before closing the database). */
  async idle(): Promise<void> {
    while (this.#running || this.#scheduled || this.#queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  run<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#running = true;
      const batch = this.#queue.splice(0, this.maxBatch);
      this.#execute(batch).finally(() => {
        this.#running = false;
        this.#schedule();
      });
    });
  }

  async #execute(batch: Job[]): Promise<void> {
    let trx: ControlledTransaction<DB>;
    try {
      trx = await this.db.startTransaction().execute(); // takes the connection, BEGIN IMMEDIATE
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    try {
      if (batch.length === 1) {
        // Alone in its batch: no savepoint needed, a failure rolls the whole transaction back.
        const job = batch[0]!;
        await this.#runJob(trx, job, false);
        if (!job.outcome!.ok) throw job.outcome!.error;
      } else for (const job of batch) await this.#runJob(trx, job, true);
      await trx.commit().execute();
    } catch (error) {
      // BEGIN … COMMIT as a whole failed (the COMMIT, a savepoint statement, or SQLite rolled the
      // whole transaction back): nothing of the batch is there.
      if (!trx.isRolledBack && !trx.isCommitted) await trx.rollback().execute().catch(() => {});
      this.stats.transactions += batch.length;
      for (const job of batch) job.reject(job.outcome?.ok === false ? job.outcome.error : error);
      return;
    }
    this.stats.commits++;
    this.stats.transactions += batch.length;
    if (batch.length > this.stats.largestBatch) this.stats.largestBatch = batch.length;
    for (const job of batch) {
      const outcome = job.outcome!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    }
  }

  async #runJob(trx: ControlledTransaction<DB>, job: Job, inSavepoint: boolean): Promise<void> {
    if (inSavepoint) await trx.executeQuery(JOB.open);
    try {
      const value = await currentTransaction.run({ owner: this.owner, trx, depth: 0 }, () => job.fn(trx));
      job.outcome = { ok: true, value };
    } catch (error) {
      job.outcome = { ok: false, error };
    }
    if (!inSavepoint) return;
    if (job.outcome.ok) {
      await trx.executeQuery(JOB.release);
      return;
    }
    // Some errors make SQLite roll back the whole transaction (e.g. a full disk): the batch is lost.
    if (!this.sqlite.inTransaction) throw new Error('SQLite rolled back the whole group commit after an error of one of its transactions', { cause: job.outcome.error });
    // Statements the failed job left running (e.g. the rest of a Promise.all) finish first, inside
    // its savepoint, so that the rollback takes them too.
    await nextMacrotask();
    await trx.executeQuery(JOB.rollback);
    await trx.executeQuery(JOB.release);
  }
}

/** Most distinct statement texts prepared by name (per process; each connection prepares them once). */
const MAX_NAMED_STATEMENTS = 500;
/**
 * Statements kept: the ones marked with `PREPARE` (store/plain-sql.ts: hot statements whose plan
 * does not depend on the values), and none that selects `*`: in a rolling upgrade a newer
 * process's migration may add a column, and a prepared `select *` would then refuse to run
 * ("cached plan must not change result type") in the older processes.
 */
const preparable = (text: string): boolean => text.startsWith(PREPARE_MARK) && !text.slice(PREPARE_MARK.length).replaceAll('count(*)', '').includes('*');

/**
 * Named prepared statements on PostgreSQL (issue 7). Kysely sends every statement unnamed, so
 * PostgreSQL parses and plans it again on every call; planning the joins of an invoice read costs
 * more than running them. Here each distinct marked statement text (the first MAX_NAMED_STATEMENTS
 * of them; texts repeat, parameters are bound) gets a name, and each pooled connection parses it
 * once and keeps it, with PostgreSQL's plan cache behind it. PgBouncer in transaction mode needs
 * max_prepared_statements (1.21+), or LEDGERLINE_PG_PREPARE=off (README "Scaling out").
 */
function nameStatements(pool: import('pg').Pool): { enable(): void } {
  const names = new Map<string, string>();
  let enabled = false;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (text: unknown, values?: unknown) => {
      if (!enabled || typeof text !== 'string' || !preparable(text)) return query(text, values);
      let name = names.get(text);
      if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
        name = `ll_${names.size + 1}`;
        names.set(text, name);
      }
      return name === undefined ? query(text, values) : query({ name, text, values });
    };
  });
  return {
    enable() {
      enabled = true;
    },
  };
}

export async function openStore(config: DatabaseConfig, options: StoreOptions = {}): Promise<Store> {
  let queryCount = 0;
  const log = () => {
    queryCount++;
  };
  let db: Kysely<DB>;
  let dialect: Dialect;
  let sqlite: BetterSqlite3.Database | undefined;
  let namedStatements: { enable(): void } | undefined;
  if (config.kind === 'sqlite') {
    sqlite = withStatementCache(openSqlite(config.file));
    db = new Kysely<DB>({ dialect: new LedgerlineSqliteDialect({ database: sqlite }), log });
    dialect = 'sqlite';
  } else {
    // Loaded only for PostgreSQL: an embedded SQLite server does not carry the driver (~15 MB).
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: config.url, max: Number(process.env.LEDGERLINE_PG_POOL ?? 10) });
    // A dropped idle connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    if (config.preparedStatements !== false) namedStatements = nameStatements(pool);
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    dialect = 'postgres';
  }
  const owner = {};
  const commitStats: CommitStats = { groupCommit: false, commits: 0, transactions: 0, largestBatch: 0 };
  let committer: GroupCommitter | undefined;
  if (sqlite && config.kind === 'sqlite' && config.groupCommit !== false) {
    commitStats.groupCommit = true;
    committer = new GroupCommitter(db, sqlite, owner, commitStats, Math.max(1, options.maxBatch ?? 64));
  }
  /** One plain transaction (PostgreSQL, or SQLite without group commit). */
  const plain = async <T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> => {
    try {
      const value = await db.transaction().execute((trx) => currentTransaction.run({ owner, trx, depth: 0 }, () => fn(trx)));
      commitStats.commits++;
      if (commitStats.largestBatch === 0) commitStats.largestBatch = 1;
      return value;
    } finally {
      commitStats.transactions++;
    }
  };
  const store: Store = {
    db,
    dialect,
    get queryCount() {
      return queryCount;
    },
    transaction<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
      const ctx = currentTransaction.getStore();
      if (ctx?.owner === owner) return runNested(ctx, fn);
      return committer ? committer.run(fn) : plain(fn);
    },
    commitStats,
    async close() {
      await committer?.idle();
      await db.destroy();
    },
  };
  if (options.migrate !== false) await migrateToLatest(store.db, store.dialect);
  // After the migrations: a statement prepared before a table changed could not run after it.
  namedStatements?.enable();
  return store;
}

export type { DatabaseConnection };

/** Readiness probe: one round trip to the database. */
export async function ping(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}
