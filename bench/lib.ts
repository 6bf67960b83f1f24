// Shared helpers of the benches: one autocannon run, alternating rounds, medians, RSS sampling.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

export const SMOKE = process.env.BENCH_SMOKE === '1';
export const SECONDS = Number(process.env.BENCH_SECONDS ?? (SMOKE ? 1 : 5));
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (SMOKE ? 1 : 3));
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

export interface Target {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
}

export interface Run { rps: number; p50: number; p99: number; ok: number; failed: number }

export async function load(t: Target, seconds = SECONDS): Promise<Run> {
  const r = await autocannon({
    url: t.url,
    method: t.method ?? 'GET',
    connections: t.connections ?? CONNECTIONS,
    duration: seconds,
    headers: t.headers ?? {},
    ...(t.body ? { body: t.body } : {}),
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], failed: r.non2xx + r.errors + r.timeouts };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

export interface Summary { rps: number; p50: number; p99: number; failed: number; rounds: Run[] }
const summarise = (runs: Run[]): Summary => ({
  rps: Math.round(median(runs.map((r) => r.rps))),
  p50: r2(median(runs.map((r) => r.p50))),
  p99: r2(median(runs.map((r) => r.p99))),
  failed: runs.reduce((n, r) => n + r.failed, 0),
  rounds: runs,
});

/**
 * Runs every target once per round, alternating the order from round to round (ABC, CBA, …) so
 * that drift of a shared machine hits all of them alike; returns the median of the rounds.
 * `during` wraps each run (e.g. RSS sampling).
 */
export async function alternate(targets: Target[], rounds = ROUNDS, seconds = SECONDS, runner: (t: Target, seconds: number) => Promise<Run> = load): Promise<Summary[]> {
  const runs: Run[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = targets.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) runs[i]!.push(await runner(targets[i]!, seconds));
  }
  return runs.map(summarise);
}

/** Figures of one comparison, printed as one JSON line. */
export function report(figure: string, names: [string, string], [a, b]: [Summary, Summary], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out = {
    figure,
    connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS,
    [names[0]]: { rps: a.rps, p50ms: a.p50, p99ms: a.p99, failed: a.failed },
    [names[1]]: { rps: b.rps, p50ms: b.p50, p99ms: b.p99, failed: b.failed },
    ratio: r2(a.rps / b.rps),
    ...extra,
  };
  console.log(JSON.stringify(out));
  return out;
}

/** VmHWM (peak resident set) and VmRSS of a process, in MB (Linux). */
export function memoryOf(pid: number): { peakMB: number; rssMB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { peakMB: r1(kb('VmHWM') / 1024), rssMB: r1(kb('VmRSS') / 1024) };
  } catch {
    return undefined;
  }
}

/** Samples VmRSS every 100 ms until stopped; returns the highest sample and the kernel's VmHWM. */
export function sampleRss(pid: number): () => { sampledPeakMB: number; vmHwmMB: number } {
  let peak = 0;
  const tick = () => {
    const m = memoryOf(pid);
    if (m && m.rssMB > peak) peak = m.rssMB;
  };
  tick();
  const timer = setInterval(tick, 100);
  return () => {
    clearInterval(timer);
    tick();
    return { sampledPeakMB: peak, vmHwmMB: memoryOf(pid)?.peakMB ?? NaN };
  };
}

/** One keep-alive connection, requests back to back, each timed with hrtime (µs precision, for the list figure). */
export async function sequential(t: Target, seconds = SECONDS): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let failed = 0;
  const until = Date.now() + seconds * 1000;
  const once = () => new Promise<number>((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = request(t.url, { method: t.method ?? 'GET', headers: t.headers ?? {}, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) failed++;
        resolve(Number(process.hrtime.bigint() - start) / 1e6);
      });
    });
    req.on('error', reject);
    req.end(t.body);
  });
  const t0 = Date.now();
  while (Date.now() < until) times.push(await once());
  agent.destroy();
  times.sort((a, b) => a - b);
  const pct = (p: number) => r2(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!);
  return { rps: times.length / ((Date.now() - t0) / 1000), p50: pct(50), p99: pct(99), ok: times.length - failed, failed };
}
