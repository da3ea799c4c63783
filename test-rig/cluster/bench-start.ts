// Warm start time of the test cluster (toolchain already built): median of 3 start/stop cycles.
// Usage: npx tsx test-rig/cluster/bench-start.ts [runs]
import { startCluster } from './cluster';
import { describeError } from './errors';
import { findToolchain } from './toolchain';

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const binDir = await findToolchain((line) => process.stderr.write(`${line}\n`));
  const startTimes: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const started = performance.now();
    const cluster = await startCluster({ binDir });
    const seconds = (performance.now() - started) / 1000;
    startTimes.push(seconds);
    const stopping = performance.now();
    await cluster.stop();
    const stopSeconds = (performance.now() - stopping) / 1000;
    process.stdout.write(
      `run ${i}: ready in ${seconds.toFixed(1)} s, stopped in ${stopSeconds.toFixed(1)} s\n`,
    );
  }
  const sorted = [...startTimes].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  process.stdout.write(`median warm start over ${runs} runs: ${median.toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
});
