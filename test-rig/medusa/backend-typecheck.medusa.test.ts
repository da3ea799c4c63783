// The backend project is outside the root TypeScript and ESLint set-up (its own CommonJS
// project and dependencies), so its sources are type-checked here, with its own tsconfig and
// TypeScript from its own install.
import { join } from 'node:path';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { medusaServer } from './medusa-server';

it('images/medusa type-checks with its own tsconfig', async () => {
  const { appDir } = medusaServer();
  const result = await execa(
    join(appDir, 'node_modules', '.bin', 'tsc'),
    ['--noEmit', '-p', join(appDir, 'tsconfig.json')],
    { cwd: appDir, reject: false, all: true },
  );
  expect(result.all).toBe('');
  expect(result.exitCode).toBe(0);
}, 180_000);
