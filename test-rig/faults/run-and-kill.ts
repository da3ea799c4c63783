// Starts the fault runner in a child process and SIGKILLs it when a chosen step starts.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { StepName, StoreEvent } from '../../src-shared/types/store-types';
import { REPO_ROOT } from '../engine/test-engine';
import type { FaultRunnerConfig } from './fault-runner';

const RUNNER = fileURLToPath(new URL('./fault-runner.ts', import.meta.url));

export interface KillOutcome {
  /** true when the SIGKILL landed; false when the runner finished before the step came */
  killed: boolean;
  storeId: string | null;
  events: StoreEvent[];
}

/**
 * Runs `config` and kills the runner `delayMs` after `step` started. The tsx CLI would run the
 * script in a grandchild a SIGKILL of the CLI leaves alive; loading tsx into this node does not.
 */
export function runAndKill(
  config: FaultRunnerConfig,
  step: StepName,
  delayMs: number,
): Promise<KillOutcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, JSON.stringify(config)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: StoreEvent[] = [];
  let storeId: string | null = null;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    let parsed: { event?: StoreEvent; storeId?: string };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.storeId) storeId = parsed.storeId;
    if (!parsed.event) return;
    events.push(parsed.event);
    storeId ??= parsed.event.storeId;
    if (parsed.event.step === step && parsed.event.status === 'started') {
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, storeId, events });
      else if (code === 0) resolve({ killed: false, storeId, events });
      else reject(new Error(`fault runner exited with ${code ?? signal}: ${stderr}`));
    });
  });
}
