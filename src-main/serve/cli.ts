// `npm run serve`: the headless browser host. Run with tsx.
import { killAllChildren } from '../tools/exec';
import { runServe } from './run-serve';

const io = {
  env: process.env,
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`storefleet: ${line}\n`),
};

async function main(): Promise<void> {
  const serve = await runServe(io);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    io.err(`${signal}: shutting down`);
    serve
      .stop()
      .then(() => killAllChildren())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          io.err(`shutdown failed: ${error instanceof Error ? error.message : 'unknown error'}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  io.err(error instanceof Error ? error.message : 'could not start');
  process.exitCode = 1;
});
