import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot, findInAppRoot } from './app-root';

let tree: string;

beforeEach(() => {
  tree = mkdtempSync(join(tmpdir(), 'storefleet-find-up-'));
});
afterEach(() => {
  rmSync(tree, { recursive: true, force: true });
});

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

describe('findAppRoot', () => {
  it("is the folder of the nearest package.json when it is Storefleet's", () => {
    write(join(tree, 'app', 'package.json'), JSON.stringify({ name: 'storefleet' }));
    mkdirSync(join(tree, 'app', 'out', 'main'), { recursive: true });
    expect(findAppRoot(join(tree, 'app', 'out', 'main'), undefined)).toBe(join(tree, 'app'));
  });

  it("is nothing when the nearest package.json is another package's or unreadable", () => {
    write(join(tree, 'package.json'), JSON.stringify({ name: 'storefleet' }));
    write(join(tree, 'a', 'package.json'), JSON.stringify({ name: 'other' }));
    write(join(tree, 'b', 'package.json'), '{ not json');
    expect(findAppRoot(join(tree, 'a'), undefined)).toBeNull();
    expect(findAppRoot(join(tree, 'b'), undefined)).toBeNull();
  });

  it("falls back to a packaged app's resources folder", () => {
    expect(findAppRoot(tree, join(tree, 'resources'))).toBe(join(tree, 'resources'));
  });

  it('is the repository from source', () => {
    expect(findAppRoot(import.meta.dirname)).toBe(join(import.meta.dirname, '..', '..'));
  });
});

describe('findInAppRoot', () => {
  it('never returns a values file planted above the app root', () => {
    write(join(tree, 'helm-values', 'values-local.yaml'), 'planted: true\n');
    write(join(tree, 'app', 'package.json'), JSON.stringify({ name: 'storefleet' }));
    mkdirSync(join(tree, 'app', 'out', 'main'), { recursive: true });
    const from = join(tree, 'app', 'out', 'main');
    expect(findInAppRoot('helm-values/values-local.yaml', from)).toBeNull();
    write(join(tree, 'app', 'helm-values', 'values-local.yaml'), 'own: true\n');
    expect(findInAppRoot('helm-values/values-local.yaml', from)).toBe(
      join(tree, 'app', 'helm-values', 'values-local.yaml'),
    );
  });

  it("finds the repository's local values from source", () => {
    expect(findInAppRoot('helm-values/values-local.yaml', import.meta.dirname)).toBe(
      join(import.meta.dirname, '..', '..', 'helm-values', 'values-local.yaml'),
    );
  });
});
