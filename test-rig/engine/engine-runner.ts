// Runs a StoreEngine in its own process on a data directory, printing each store event as one
// JSON line, so a test can kill the process at a chosen moment and check that a new engine
// resumes the work. Usage: tsx engine-runner.ts '<json RunnerConfig>'
import type { TestEngineOptions } from './test-engine';
import { buildTestEngine } from './test-engine';

export interface RunnerConfig extends Omit<TestEngineOptions, 'log' | 'overrideValues'> {
  /** a store to create on start */
  create?: { context: string; name: string };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as RunnerConfig;
  const t = buildTestEngine({ ...config, log: (line) => process.stderr.write(`${line}\n`) });
  t.engine.onStoreEvent((event) => process.stdout.write(`${JSON.stringify({ event })}\n`));
  t.engine.onStoreUpdated((store) => process.stdout.write(`${JSON.stringify({ store })}\n`));
  await t.engine.resume();
  const ids = t.repo.list().map((s) => s.id);
  if (config.create) {
    const store = t.engine.create({ ...config.create, kind: 'woocommerce' });
    ids.push(store.id);
  }
  await Promise.all(ids.map((id) => t.engine.settled(id)));
  process.stdout.write(`${JSON.stringify({ settled: ids })}\n`);
  await t.close();
}

const stop = (): void => {
  process.exitCode = 143;
  process.exit();
};
process.once('SIGTERM', stop);
main().catch((error: unknown) => {
  process.stderr.write(
    `engine runner failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
