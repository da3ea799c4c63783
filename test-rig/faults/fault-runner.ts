// The app's engine in a process of its own, so a fault family can SIGKILL it at a chosen step.
// It does one action (create, upgrade or delete), printing each store event as one JSON line.
// Usage: node --import tsx fault-runner.ts '<json FaultRunnerConfig>'
import type { TestEngineOptions } from '../engine/test-engine';
import { buildTestEngine } from '../engine/test-engine';

export type RunnerAction =
  | { kind: 'create'; name: string }
  | { kind: 'upgrade'; storeId: string; values: { wordpressImageTag: string } }
  | { kind: 'delete'; storeId: string };

export interface FaultRunnerConfig extends Omit<TestEngineOptions, 'log' | 'overrideValues'> {
  action: RunnerAction;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as FaultRunnerConfig;
  const t = buildTestEngine({ ...config, log: (line) => process.stderr.write(`${line}\n`) });
  t.engine.onStoreEvent((event) => process.stdout.write(`${JSON.stringify({ event })}\n`));
  const a = config.action;
  let id: string;
  if (a.kind === 'create') {
    id = t.engine.create({ context: config.context, name: a.name, kind: 'woocommerce' }).id;
  } else if (a.kind === 'upgrade') {
    await t.engine.upgrade({ storeId: a.storeId, ...a.values });
    id = a.storeId;
  } else {
    await t.engine.delete(a.storeId);
    id = a.storeId;
  }
  process.stdout.write(`${JSON.stringify({ storeId: id })}\n`);
  await t.engine.settled(id);
  process.stdout.write(`${JSON.stringify({ settled: id })}\n`);
  await t.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `fault runner failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
