import { join } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaryConfigs } from './import-boundaries.js';

const ROOT = '/repo';

/** Lints one file at `path` (repo-relative) with the boundary blocks only, as eslint.config.js does. */
function violations(path: string, code: string): string[] {
  const linter = new Linter({ cwd: ROOT });
  const messages = linter.verify(
    code,
    [
      { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
      ...boundaryConfigs(ROOT),
    ],
    join(ROOT, path),
  );
  return messages.map((m) => m.message);
}

describe('import boundaries', () => {
  it('lets the renderer import itself and src-shared', () => {
    const code = `import { a } from '../api/x';\nimport type { B } from '../../../src-shared/ipc/contract';`;
    expect(violations('src-renderer/src/components/y.tsx', code)).toEqual([]);
  });

  it('refuses the renderer main-process code, even for a type', () => {
    const code = `import type { AppServices } from '../../../src-main/ipc/services';`;
    expect(violations('src-renderer/src/components/y.tsx', code)).toEqual([
      expect.stringContaining('src-renderer may not import "../../../src-main/ipc/services"'),
    ]);
  });

  it('refuses Node modules in the renderer and in src-shared', () => {
    expect(violations('src-renderer/src/lib/y.ts', `import 'node:fs';`)).toHaveLength(1);
    expect(violations('src-shared/ipc/y.ts', `export { join } from 'node:path';`)).toHaveLength(1);
  });

  it('keeps src-shared to itself', () => {
    const code = `import { x } from '../../src-main/app/x';`;
    expect(violations('src-shared/ipc/y.ts', code)).toHaveLength(1);
  });

  it('lets the preload load electron and no other package', () => {
    expect(violations('src-preload/index.ts', `import { ipcRenderer } from 'electron';`)).toEqual(
      [],
    );
    expect(violations('src-preload/index.ts', `import { z } from 'zod';`)).toHaveLength(1);
  });

  it('keeps the test rig out of product code but lets tests use it', () => {
    const code = `import { fakeServices } from '../../test-rig/fake-services';`;
    expect(violations('src-main/ipc/dispatch.ts', code)).toHaveLength(1);
    expect(violations('src-main/ipc/dispatch.test.ts', code)).toEqual([]);
    const fromRenderer = `import { fakeApi } from '../../../test-rig/fake-api';`;
    expect(violations('src-renderer/src/components/y.tsx', fromRenderer)).toHaveLength(1);
    expect(violations('src-renderer/src/components/y.test.tsx', fromRenderer)).toEqual([]);
  });

  it('refuses main the renderer and the preload, including dynamic imports', () => {
    const code = `const m = await import('../../src-preload/build-api');`;
    expect(violations('src-main/app/y.ts', code)).toHaveLength(1);
  });
});
