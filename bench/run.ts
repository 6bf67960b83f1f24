// npm run bench: loopback load figures. Issue 3: first throughput of POST crm/invoice on SQLite.
// Needs `npm run build` first (it runs the built server, as production does).
import autocannon from 'autocannon';
import { createBody, startServer } from './server.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

async function main(): Promise<void> {
  const server = await startServer(18_181);
  try {
    const body = await createBody(server);
    const result = await autocannon({
      url: `${server.url}/api/2.0/crm/invoice`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: DURATION,
      headers: { authorization: server.token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const non2xx = result.non2xx + result.errors;
    console.log(JSON.stringify({
      figure: 'create (POST crm/invoice, 3 lines, 2 taxes, SQLite synchronous=FULL)',
      connections: CONNECTIONS, seconds: DURATION,
      requestsPerSecond: Math.round(result.requests.average),
      p50ms: result.latency.p50, p99ms: result.latency.p99,
      total: result.requests.total, failed: non2xx,
    }, null, 2));
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
