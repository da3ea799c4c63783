import { homedir } from 'node:os';
import { join } from 'node:path';
import { createAppServices } from '../app/create-app-services';
import { startServeHost } from './serve-host';

export interface ServeIo {
  env: NodeJS.ProcessEnv;
  /** one line for the user or a test harness */
  out: (line: string) => void;
  /** diagnostics, never secrets */
  err: (line: string) => void;
}

export interface RunningServe {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the headless host. It has no browser to hand URLs to: the page opens the tab itself
 * with the URL openStore answers, and the host prints an `open-external <url>` line too, for a
 * pop-up the browser blocked and for end-to-end tests.
 */
export async function runServe(io: ServeIo): Promise<RunningServe> {
  const home = io.env.HOME ?? homedir();
  const dataDir = io.env.STOREFLEET_DATA_DIR || join(home, '.local', 'share', 'storefleet');
  const rendererDir =
    io.env.STOREFLEET_RENDERER_DIR || join(import.meta.dirname, '../../out/renderer');
  const port = optionalPort(io.env.STOREFLEET_PORT, 'STOREFLEET_PORT');
  const storefrontPort = optionalPort(
    io.env.STOREFLEET_STOREFRONT_PORT,
    'STOREFLEET_STOREFRONT_PORT',
  );
  const app = await createAppServices({
    dataDir,
    env: io.env,
    home,
    storefrontPort,
    valuesFile: io.env.STOREFLEET_VALUES_FILE || undefined,
    log: io.err,
    openExternal: (url) => {
      io.out(`open-external ${printableUrl(url)}`);
      return Promise.resolve();
    },
  });
  const host = await startServeHost({
    services: app.services,
    rendererDir,
    port,
    onInternalError: (method, name) => io.err(`${method} failed with ${name}`),
    debug: io.env.STOREFLEET_DEBUG ? (line) => io.err(`debug ${line}`) : undefined,
  }).catch(async (error: unknown) => {
    await app.shutdown();
    throw error;
  });
  io.out(`Storefleet is serving ${host.url}`);
  return {
    url: host.url,
    stop: async () => {
      await host.close();
      await app.shutdown();
    },
  };
}

function optionalPort(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a TCP port number, not "${raw}".`);
  }
  return port;
}

/**
 * A URL as the host prints it: query values are blanked, since an admin URL carries a one-click
 * login token that must stay out of terminals and logs (the printed URL then opens the login page).
 */
export function printableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()]) parsed.searchParams.set(key, 'redacted');
    return parsed.href;
  } catch {
    return 'an address that is not a URL';
  }
}
