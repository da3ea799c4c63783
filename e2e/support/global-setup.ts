import { buildAppIfStale } from './build-renderer';

/** Playwright globalSetup: the served renderer must be built before any worker starts. */
export default async function globalSetup(): Promise<void> {
  await buildAppIfStale((line) => process.stderr.write(`${line}\n`));
}
