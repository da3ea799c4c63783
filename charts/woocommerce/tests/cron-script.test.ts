// Runs the CronJob's real WP-Cron script under bash with the wp-cli stand-in (wp-stand-in.ts).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHART_DIR } from './render';
import { createWpStandIn, type WpStandIn } from './wp-stand-in';

let wp: WpStandIn;

beforeEach(async () => {
  wp = await createWpStandIn();
});

afterEach(async () => {
  await wp.remove();
});

async function runCron(
  env: Record<string, string> = {},
): Promise<{ exitCode: number; output: string }> {
  const result = await execa('bash', [join(CHART_DIR, 'files/wp-cron.sh')], {
    reject: false,
    all: true,
    timeout: 30_000,
    extendEnv: false,
    env: { PATH: wp.path, WP_STANDIN_STATE: wp.state, ...env },
  });
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
}

describe('WP-Cron script (wp-cli stand-in)', () => {
  it('runs the events that are due on an installed site', async () => {
    await writeFile(join(wp.state, 'installed'), '');
    await writeFile(join(wp.state, 'due-events'), '3');
    const { exitCode, output } = await runCron();
    expect(exitCode).toBe(0);
    expect(output).toContain('Executed a total of 3 cron events');
    expect(await wp.calls()).toMatch(/--path=\/var\/www\/html .*cron event run --due-now/);
  });

  it('waits for the next run, without failing, while WordPress is not installed yet', async () => {
    const { exitCode, output } = await runCron();
    expect(exitCode).toBe(0);
    expect(output).toContain('WordPress is not installed yet');
    expect(await wp.calls()).not.toContain('cron event run');
  });

  it('fails when running the events fails', async () => {
    await writeFile(join(wp.state, 'installed'), '');
    const { exitCode, output } = await runCron({ WP_STANDIN_FAIL: 'cron event run' });
    expect(exitCode).not.toBe(0);
    expect(output).toContain('stand-in failure for: cron event run');
  });
});
