import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listContexts } from './list-contexts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-contexts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function kubeconfig(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

const K3D = `apiVersion: v1
kind: Config
clusters:
  - name: k3d-shop
    cluster:
      server: https://0.0.0.0:41235
      certificate-authority-data: AAAA
contexts:
  - name: k3d-shop
    context: { cluster: k3d-shop, user: admin@k3d-shop }
users:
  - name: admin@k3d-shop
    user: { token: k3d-token-value }
current-context: k3d-shop
`;

const REMOTE = `apiVersion: v1
kind: Config
clusters:
  - name: default
    cluster: { server: "https://203.0.113.7:6443" }
  - name: prod
    cluster: { server: "https://api.example.com" }
contexts:
  - name: default
    context: { cluster: default, user: default }
  - name: prod-eu
    context: { cluster: prod, user: default, namespace: shops }
  - name: k3d-shop
    context: { cluster: prod, user: default }
current-context: prod-eu
`;

describe('listContexts', () => {
  it('merges files in order: first definition and first current-context win', async () => {
    const a = await kubeconfig('a.yaml', K3D);
    const b = await kubeconfig('b.yaml', REMOTE);
    const { contexts, errors } = await listContexts([a, b]);
    expect(errors).toEqual([]);
    expect(contexts).toEqual([
      {
        name: 'k3d-shop',
        cluster: 'k3d-shop',
        server: 'https://0.0.0.0:41235',
        kind: 'k3d',
        file: a,
        current: true,
        local: true,
      },
      {
        name: 'default',
        cluster: 'default',
        server: 'https://203.0.113.7:6443',
        kind: 'k3s',
        file: b,
        current: false,
        local: false,
      },
      {
        name: 'prod-eu',
        cluster: 'prod',
        server: 'https://api.example.com',
        kind: 'other',
        file: b,
        current: false,
        local: false,
      },
    ]);
  });

  it('takes current-context from a later file when earlier ones set none', async () => {
    const a = await kubeconfig('a.yaml', K3D.replace('current-context: k3d-shop', ''));
    const b = await kubeconfig('b.yaml', REMOTE);
    const { contexts } = await listContexts([a, b]);
    expect(contexts.filter((c) => c.current).map((c) => c.name)).toEqual(['prod-eu']);
  });

  it('skips a missing file silently', async () => {
    const b = await kubeconfig('b.yaml', REMOTE);
    const result = await listContexts([join(dir, 'missing.yaml'), b]);
    expect(result.errors).toEqual([]);
    expect(result.contexts.map((c) => c.name)).toEqual(['default', 'prod-eu', 'k3d-shop']);
  });

  it('reports a file that is not YAML without quoting it, and still lists the others', async () => {
    const broken = await kubeconfig(
      'broken.yaml',
      'users:\n- name: x\n  user: {token: leaked-token-123\ncontexts: [\n',
    );
    const b = await kubeconfig('b.yaml', REMOTE);
    const result = await listContexts([broken, b]);
    expect(result.contexts).toHaveLength(3);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.file).toBe(broken);
    expect(result.errors[0]?.message).toMatch(
      /^This file is not valid YAML at line \d+, column \d+\.$/,
    );
    expect(JSON.stringify(result.errors)).not.toContain('leaked-token-123');
  });

  it('reports YAML that is not a kubeconfig', async () => {
    const wrong = await kubeconfig('wrong.yaml', 'contexts: "not a list"\n');
    const list = await kubeconfig('list.yaml', '- 1\n- 2\n');
    const result = await listContexts([wrong, list]);
    expect(result.contexts).toEqual([]);
    expect(result.errors).toEqual([
      { file: wrong, message: 'This is not a kubeconfig file: contexts has the wrong type.' },
      { file: list, message: 'This is not a kubeconfig file: the top level has the wrong type.' },
    ]);
  });

  it('keeps good entries of a file with a malformed one', async () => {
    const file = await kubeconfig(
      'partial.yaml',
      `clusters:\n  - name: c\n    cluster: { server: "https://127.0.0.1:6443" }\ncontexts:\n  - context: { cluster: c }\n  - name: kind-dev\n    context: { cluster: c }\n`,
    );
    const result = await listContexts([file]);
    expect(result.contexts.map((c) => [c.name, c.kind, c.local])).toEqual([
      ['kind-dev', 'kind', true],
    ]);
    expect(result.errors).toEqual([
      { file, message: 'Context entry 1 has no name or no context.' },
    ]);
  });

  it('lists nothing for an empty file', async () => {
    const empty = await kubeconfig('empty.yaml', '');
    await expect(listContexts([empty])).resolves.toEqual({ contexts: [], errors: [] });
  });

  it('reports a directory given as a kubeconfig', async () => {
    const folder = join(dir, 'folder');
    await mkdir(folder);
    await expect(listContexts([folder])).resolves.toEqual({
      contexts: [],
      errors: [{ file: folder, message: 'This is a directory, not a kubeconfig file.' }],
    });
  });

  // root may read any file, so a permission failure cannot be produced for it
  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    const locked = await kubeconfig('locked.yaml', K3D);
    await chmod(locked, 0o000);
    await expect(listContexts([locked])).resolves.toEqual({
      contexts: [],
      errors: [{ file: locked, message: 'Storefleet may not read this file.' }],
    });
  });

  it('uses an empty server when the cluster is defined nowhere', async () => {
    const file = await kubeconfig(
      'orphan.yaml',
      'contexts:\n  - name: orphan\n    context: { cluster: gone }\n',
    );
    const { contexts } = await listContexts([file]);
    expect(contexts[0]).toMatchObject({ name: 'orphan', server: '', local: false, kind: 'other' });
  });
});
