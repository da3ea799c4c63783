// Every script the chart ships goes through the real tools: bash's parser and ShellCheck for
// shell, PHP's linter for PHP. A missing tool fails the test with what to install; CI
// installs both.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CHART_DIR } from './render';

const FILES_DIR = join(CHART_DIR, 'files');
const files = await readdir(FILES_DIR);
const shellScripts = files.filter((f) => f.endsWith('.sh')).sort();
const phpFiles = files.filter((f) => f.endsWith('.php')).sort();

async function run(
  tool: string,
  args: readonly string[],
  install: string,
): Promise<{ exitCode: number; output: string }> {
  const result = await execa(tool, args, { reject: false, all: true, timeout: 60_000 });
  if (result.failed && result.exitCode === undefined) {
    throw new Error(`${tool} is not installed here: ${install}`);
  }
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
}

describe('chart scripts', () => {
  it('ships the scripts the templates use', () => {
    expect(shellScripts).toEqual(['bootstrap.sh', 'prepare.sh', 'wp-cron.sh']);
    expect(phpFiles).toEqual([
      'demo-product.php',
      'storefleet-admin-login.php',
      'storefleet-mail.php',
    ]);
  });

  it.each(shellScripts)('%s parses with bash -n', async (file) => {
    const { exitCode, output } = await run('bash', ['-n', join(FILES_DIR, file)], 'install bash');
    expect(output).toBe('');
    expect(exitCode).toBe(0);
  });

  it.each(shellScripts)('%s passes ShellCheck', async (file) => {
    const { exitCode, output } = await run(
      'shellcheck',
      ['--shell=bash', '--severity=style', join(FILES_DIR, file)],
      'install ShellCheck (Debian/Ubuntu: apt-get install shellcheck)',
    );
    expect(output).toBe('');
    expect(exitCode).toBe(0);
  });

  it.each(phpFiles)('%s passes php -l', async (file) => {
    const { exitCode, output } = await run(
      'php',
      ['-l', join(FILES_DIR, file)],
      'install the PHP command line (Debian/Ubuntu: apt-get install php-cli)',
    );
    expect(output).toContain('No syntax errors detected');
    expect(exitCode).toBe(0);
  });
});
