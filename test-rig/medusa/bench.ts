// Figures for the native Medusa server: install (cold or warm), migrate, ensure-admin,
// start -> /health, one Store API order (first, then the median of five) and the server's RSS.
//   npx tsx test-rig/medusa/bench.ts
// A cold install: STOREFLEET_CACHE_DIR=<empty dir> npm_config_cache=<empty dir> npx tsx ...
import { readFile } from 'node:fs/promises';
import { adminToken, placeOrder, storefrontKey } from './by-hand';
import { startMedusaServer } from './server';

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const server = await startMedusaServer({ log });
try {
  const rssReady = await rssMb(server.pid);
  const token = await adminToken(server.url, server.adminEmail, server.adminPassword);
  const key = await storefrontKey(server.url, token);
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const begun = Date.now();
    const { completed } = await placeOrder(server.url, key);
    if (completed.type !== 'order') throw new Error('an order did not complete');
    times.push((Date.now() - begun) / 1000);
  }
  const [first, ...rest] = times;
  const sorted = [...rest].sort((a, b) => a - b);
  const figures = {
    ...server.timings,
    firstOrderSeconds: first,
    orderSecondsMedianOf5: sorted[2],
    orderSeconds: rest,
    rssReadyMb: rssReady,
    rssAfter6OrdersMb: await rssMb(server.pid),
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await server.stop();
}
