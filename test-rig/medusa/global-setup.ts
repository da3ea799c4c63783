import type { TestProject } from 'vitest/node';
import { startMedusaServer } from './server';
import './medusa-server';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * vitest globalSetup for the `medusa` project: one real Medusa backend (images/medusa, on a
 * throwaway PostgreSQL) for the whole run. Tests read it with `medusaServer()` from
 * test-rig/medusa/medusa-server.ts.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: Awaited<ReturnType<typeof startMedusaServer>>;
  try {
    server = await startMedusaServer({ log });
  } catch (error) {
    // A stack trace from here would hide the one sentence that matters.
    const failure = new Error(error instanceof Error ? error.message : String(error));
    failure.stack = failure.message;
    throw failure;
  }
  const { url, adminEmail, adminPassword, databaseUrl, logPath, appDir } = server;
  project.provide('medusaServer', { url, adminEmail, adminPassword, databaseUrl, logPath, appDir });
  return () => server.stop();
}
