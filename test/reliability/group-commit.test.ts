// Group commit on SQLite (issue 7 item 3, README "Group commit"): concurrent `store.transaction`
// calls share one BEGIN IMMEDIATE … COMMIT, each in its own savepoint. Proved here on a real SQLite
// file: batching happens (fewer commits than transactions, bounded batches), one failing job leaves
// nothing of itself and undoes nobody else, every promise settles only after the COMMIT (a second
// connection already sees the rows), a failing COMMIT rejects the whole batch, reads outside
// transactions never see a batch's uncommitted rows, nesting does not deadlock; then the same
// through the HTTP API (concurrent creates share commits, numbers stay contiguous).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/database.js';
import { call } from '../support/api.js';
import { dialectUnderTest } from '../support/database.js';
import { buildWorld, invoiceBody } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const sqliteOnly = dialectUnderTest === 'sqlite';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class JobError extends Error {}

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(p) ? [p] : [];
  });

describe('group commit: one way to open a write transaction', () => {
  it('no code outside src/store opens a Kysely transaction itself: everything goes through store.transaction', () => {
    const offenders = filesUnder(SRC)
      .filter((f) => !relative(SRC, f).startsWith('store/'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(SRC, f)}:${i + 1}` }))
          .filter(({ line }) => /\.(transaction|startTransaction)\(\)/.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});

describe.runIf(sqliteOnly)('group commit: the store (SQLite)', () => {
  let dir: string;
  let file: string;
  let store: Store;
  /** A second connection: what is committed, as another process would see it. */
  let outside: BetterSqlite3.Database;

  const open = (groupCommit: boolean, maxBatch?: number) => openStore({ kind: 'sqlite', file, groupCommit }, { maxBatch });
  const insert = (trx: Parameters<Parameters<Store['transaction']>[0]>[0], tag: string) => sql`insert into gc_rows (tag) values (${tag})`.execute(trx);
  const committedTags = () => (outside.prepare('select tag from gc_rows order by id').all() as { tag: string }[]).map((r) => r.tag);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledgerline-gc-'));
    file = join(dir, 'gc.db');
    store = await open(true);
    await sql`create table gc_rows (id integer primary key, tag text not null unique)`.execute(store.db);
    await sql`create table gc_parent (id integer primary key)`.execute(store.db);
    await sql`create table gc_child (id integer primary key, parent_id integer references gc_parent (id) deferrable initially deferred)`.execute(store.db);
    // RAISE(ROLLBACK) makes SQLite roll back the whole transaction, not just the statement.
    await sql`create trigger gc_rollback_all before insert on gc_rows when new.tag like 'rollback-all%' begin select raise(rollback, 'rolled back by trigger'); end`.execute(store.db);
    outside = new BetterSqlite3(file, { readonly: true });
  });
  afterAll(async () => {
    outside?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is on by default for SQLite and configurable with LEDGERLINE_GROUP_COMMIT', () => {
    expect(store.commitStats.groupCommit).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'sqlite:x.db' }).database).toEqual({ kind: 'sqlite', file: 'x.db', groupCommit: true });
    expect(loadConfig({ DATABASE_URL: 'sqlite:x.db', LEDGERLINE_GROUP_COMMIT: 'off' }).database).toMatchObject({ groupCommit: false });
    expect(loadConfig({ DATABASE_URL: 'sqlite:x.db', LEDGERLINE_GROUP_COMMIT: '0' }).database).toMatchObject({ groupCommit: false });
    expect(loadConfig({ DATABASE_URL: 'sqlite:x.db', LEDGERLINE_GROUP_COMMIT: 'on' }).database).toMatchObject({ groupCommit: true });
    expect(() => loadConfig({ LEDGERLINE_GROUP_COMMIT: 'maybe' })).toThrow(/LEDGERLINE_GROUP_COMMIT/);
  });

  it('concurrent transactions share commits: 40 transactions, far fewer commits', async () => {
    const before = { ...store.commitStats };
    const ids = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.transaction(async (trx) => {
          await insert(trx, `batch-${i}`);
          return i;
        }),
      ),
    );
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const commits = store.commitStats.commits - before.commits;
    expect(store.commitStats.transactions - before.transactions).toBe(40);
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThan(40 / 4);
    expect(store.commitStats.largestBatch).toBeGreaterThan(1);
    expect(committedTags().filter((t) => t.startsWith('batch-'))).toHaveLength(40);
  });

  it('a batch holds at most maxBatch transactions', async () => {
    const small = await open(true, 4);
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => small.transaction((trx) => insert(trx, `small-${i}`))));
      expect(small.commitStats.largestBatch).toBe(4);
      expect(small.commitStats.commits).toBe(3);
      expect(committedTags().filter((t) => t.startsWith('small-'))).toHaveLength(10);
    } finally {
      await small.close();
    }
  });

  it('a failing job rejects with its own error, leaves nothing of itself and undoes nobody else', async () => {
    const before = store.commitStats.commits;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        store.transaction(async (trx) => {
          await insert(trx, `mixed-${i}-a`);
          if (i % 3 === 1) throw new JobError(`job ${i} fails`);
          await insert(trx, `mixed-${i}-b`);
          return `ok ${i}`;
        }),
      ),
    );
    // A statement error (unique violation) inside a job is that job's failure too.
    const dup = store.transaction((trx) => insert(trx, 'mixed-0-a'));
    await expect(dup).rejects.toThrow(/UNIQUE/);
    expect(store.commitStats.commits - before).toBeLessThanOrEqual(2);
    results.forEach((r, i) => {
      if (i % 3 === 1) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(JobError);
        expect((r as PromiseRejectedResult).reason.message).toBe(`job ${i} fails`);
      } else expect(r).toEqual({ status: 'fulfilled', value: `ok ${i}` });
    });
    const tags = committedTags().filter((t) => t.startsWith('mixed-'));
    const expected = Array.from({ length: 10 }, (_, i) => i).filter((i) => i % 3 !== 1).flatMap((i) => [`mixed-${i}-a`, `mixed-${i}-b`]);
    expect(tags).toEqual(expected);
  });

  it('a transaction alone in its batch that fails leaves nothing', async () => {
    await expect(
      store.transaction(async (trx) => {
        await insert(trx, 'solo-1');
        throw new JobError('solo fails');
      }),
    ).rejects.toThrow('solo fails');
    expect(committedTags()).not.toContain('solo-1');
  });

  it('when SQLite rolls the whole transaction back, every job of the batch rejects and nothing of it is there', async () => {
    const results = await Promise.allSettled([
      store.transaction((trx) => insert(trx, 'whole-1')),
      store.transaction((trx) => insert(trx, 'rollback-all-1')),
      store.transaction((trx) => insert(trx, 'whole-2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/rolled back by trigger/);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/rolled back the whole group commit/);
    expect(committedTags().filter((t) => t.startsWith('whole-') || t.startsWith('rollback-all'))).toEqual([]);
    await store.transaction((trx) => insert(trx, 'whole-after'));
    expect(committedTags()).toContain('whole-after');
  });

  it('a result is given only after the COMMIT: another connection already sees the rows, and saw none before', async () => {
    const seenInside: string[][] = [];
    const seenOnResolve: string[][] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store
          .transaction(async (trx) => {
            await insert(trx, `durable-${i}`);
            seenInside.push(committedTags().filter((t) => t.startsWith('durable-')));
          })
          .then(() => {
            seenOnResolve.push(committedTags().filter((t) => t.startsWith('durable-')));
          }),
      ),
    );
    // Inside the batch nothing of it is visible outside; at each resolution all of it is.
    for (const seen of seenInside) expect(seen).toEqual([]);
    expect(seenOnResolve).toHaveLength(8);
    for (const seen of seenOnResolve) expect(seen).toHaveLength(8);
  });

  it('a failing COMMIT rejects every job of the batch, and nothing of it is there', async () => {
    const results = await Promise.allSettled([
      store.transaction((trx) => insert(trx, 'commit-fail-1')),
      // A deferred foreign key is checked at COMMIT only: this makes the batch's COMMIT fail.
      store.transaction((trx) => sql`insert into gc_child (parent_id) values (424242)`.execute(trx)),
      store.transaction((trx) => insert(trx, 'commit-fail-2')),
    ]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    }
    expect(committedTags().filter((t) => t.startsWith('commit-fail'))).toEqual([]);
    // The store goes on.
    await store.transaction((trx) => insert(trx, 'after-commit-fail'));
    expect(committedTags()).toContain('after-commit-fail');
  });

  it('a read outside transactions waits for the batch: it never sees uncommitted rows', async () => {
    let jobWrote = false;
    let readDone = false;
    const readDuringBatch: { sawRow: boolean; jobWrote: boolean }[] = [];
    const failing = store.transaction(async (trx) => {
      await insert(trx, 'uncommitted-1');
      jobWrote = true;
      await sleep(30); // the job is mid-way, its row written but not committed
      expect(readDone).toBe(false); // the read below is still waiting for the connection
      throw new JobError('rolled back');
    });
    const committing = store.transaction(async (trx) => {
      await insert(trx, 'uncommitted-2');
      await sleep(10);
    });
    while (!jobWrote) await sleep(1);
    const read = store.db
      .selectFrom(sql<{ tag: string }>`gc_rows`.as('r'))
      .select('tag')
      .where('tag', 'in', ['uncommitted-1', 'uncommitted-2'])
      .execute()
      .then((rows) => {
        readDone = true;
        readDuringBatch.push({ sawRow: rows.some((r) => r.tag === 'uncommitted-1'), jobWrote });
        return rows.map((r) => r.tag);
      });
    await expect(failing).rejects.toBeInstanceOf(JobError);
    await committing;
    // The read ran after the batch: it sees the committed row and never the rolled-back one.
    expect(await read).toEqual(['uncommitted-2']);
    expect(readDuringBatch).toEqual([{ sawRow: false, jobWrote: true }]);
  });

  it('a transaction opened inside another runs in a nested savepoint (no deadlock)', async () => {
    const result = await store.transaction(async (trx) => {
      await insert(trx, 'outer-1');
      const inner = await store.transaction(async (inner) => {
        await insert(inner, 'inner-ok');
        return 'inner';
      });
      await expect(
        store.transaction(async (inner) => {
          await insert(inner, 'inner-failed');
          throw new JobError('inner fails');
        }),
      ).rejects.toBeInstanceOf(JobError);
      await insert(trx, 'outer-2');
      return inner;
    });
    expect(result).toBe('inner');
    const tags = committedTags();
    expect(tags).toEqual(expect.arrayContaining(['outer-1', 'inner-ok', 'outer-2']));
    expect(tags).not.toContain('inner-failed');
  });

  it('without group commit every transaction commits alone (same results)', async () => {
    const alone = await open(false);
    try {
      expect(alone.commitStats.groupCommit).toBe(false);
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          alone.transaction(async (trx) => {
            await insert(trx, `alone-${i}`);
            if (i === 2) throw new JobError('no');
            return i;
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      expect(alone.commitStats.commits).toBe(5);
      expect(alone.commitStats.transactions).toBe(6);
      expect(committedTags().filter((t) => t.startsWith('alone-'))).toEqual(['alone-0', 'alone-1', 'alone-3', 'alone-4', 'alone-5']);
      // Nesting works there too.
      await alone.transaction(async () => alone.transaction((trx) => insert(trx, 'alone-nested')));
      expect(committedTags()).toContain('alone-nested');
    } finally {
      await alone.close();
    }
  });
});

describe.runIf(sqliteOnly)('group commit: concurrent POST crm/invoice through the API (SQLite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('32 concurrent creates share commits; one refused create undoes nobody; numbers stay contiguous', async () => {
    const w = await buildWorld(t);
    const before = { ...t.deps.store.commitStats };
    const bodies = Array.from({ length: 32 }, (_, i) =>
      i === 7
        ? invoiceBody(w, { invoiceLines: [{ invoiceItemID: 999_999, quantity: 1, price: 1 }] }) // refused: unknown item
        : invoiceBody(w, { terms: `gc-${i}` }),
    );
    const replies = await Promise.all(bodies.map((json) => call(t, 'POST', '/api/2.0/crm/invoice', { json })));
    const commits = t.deps.store.commitStats.commits - before.commits;
    expect(replies.map((r) => r.status)).toEqual(bodies.map((_, i) => (i === 7 ? 400 : 201)));
    expect(commits).toBeLessThan(31);
    const created = replies.filter((r) => r.status === 201).map((r) => r.response as { id: number; number: string; terms: string });
    for (const inv of created) {
      const read = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`);
      expect(read.status).toBe(200);
      expect(read.response.number).toBe(inv.number);
      expect(read.response.terms).toBe(inv.terms);
    }
    const values = created.map((i) => Number(/(\d+)$/.exec(i.number)![1])).sort((a, b) => a - b);
    expect(new Set(values).size).toBe(31);
    expect(values[values.length - 1]! - values[0]!).toBe(30); // contiguous: the refused create gave its number back
  });
});
