import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HelmClient, helmKubeOptions } from './helm';
import { IS_WINDOWS } from './process-tree';

describe('helmKubeOptions', () => {
  it('passes one kubeconfig file with --kubeconfig and always names the context', () => {
    expect(helmKubeOptions({ kubeconfig: '/home/me/.kube/config', context: 'k3d-shop' })).toEqual({
      args: ['--kube-context', 'k3d-shop', '--kubeconfig', '/home/me/.kube/config'],
      env: undefined,
    });
    expect(helmKubeOptions({ kubeconfig: ['/only/one'], context: 'prod' })).toEqual({
      args: ['--kube-context', 'prod', '--kubeconfig', '/only/one'],
      env: undefined,
    });
  });

  it('passes several files in KUBECONFIG, in order, without --kubeconfig', () => {
    const options = helmKubeOptions({ kubeconfig: ['/a/contexts', '/b/clusters'], context: 'x' });
    expect(options).toEqual({
      args: ['--kube-context', 'x'],
      env: { KUBECONFIG: `/a/contexts${delimiter}/b/clusters` },
    });
    expect(options.args).not.toContain('--kubeconfig');
  });

  it('refuses a target without files rather than fall back to ~/.kube/config', () => {
    expect(() => helmKubeOptions({ kubeconfig: [], context: 'x' })).toThrow(
      'No kubeconfig file was given for the kube context "x".',
    );
  });
});

// A stand-in for helm that records how it was called and prints an empty JSON list.
const FAKE_HELM = `#!/usr/bin/env node
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
writeFileSync(
  join(__dirname, 'call.json'),
  JSON.stringify({ args: process.argv.slice(2), kubeconfig: process.env.KUBECONFIG ?? null }),
);
process.stdout.write('[]');
`;
const callSchema = z.object({ args: z.array(z.string()), kubeconfig: z.string().nullable() });

describe.skipIf(IS_WINDOWS)('HelmClient pointing Helm at a target', () => {
  let dir: string;
  let helmPath: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'storefleet-fake-helm-'));
    helmPath = join(dir, 'helm');
    await writeFile(helmPath, FAKE_HELM);
    await chmod(helmPath, 0o755);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function lastCall(): Promise<z.infer<typeof callSchema>> {
    return callSchema.parse(JSON.parse(await readFile(join(dir, 'call.json'), 'utf8')));
  }

  it('keeps --kubeconfig for a single file and leaves KUBECONFIG alone', async () => {
    const helm = new HelmClient({ helmPath, target: { kubeconfig: '/k/one.yaml', context: 'c' } });
    await expect(helm.history('shop', 'shop')).resolves.toEqual([]);
    const call = await lastCall();
    expect(call.args).toEqual([
      'history',
      'shop',
      '--namespace',
      'shop',
      '--max',
      '256',
      '-o',
      'json',
      '--kube-context',
      'c',
      '--kubeconfig',
      '/k/one.yaml',
    ]);
    expect(call.kubeconfig).toBe(process.env.KUBECONFIG ?? null);
  });

  it('gives the child KUBECONFIG with every file when the target spans several', async () => {
    const helm = new HelmClient({
      helmPath,
      target: { kubeconfig: ['/k/contexts.yaml', '/k/clusters.yaml'], context: 'split' },
    });
    await expect(helm.history('shop', 'shop')).resolves.toEqual([]);
    const call = await lastCall();
    expect(call.args).toEqual([
      'history',
      'shop',
      '--namespace',
      'shop',
      '--max',
      '256',
      '-o',
      'json',
      '--kube-context',
      'split',
    ]);
    expect(call.kubeconfig).toBe(`/k/contexts.yaml${delimiter}/k/clusters.yaml`);
  });
});
