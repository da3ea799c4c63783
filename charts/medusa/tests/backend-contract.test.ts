// The chart and the backend image (images/medusa) must agree on what the image reads and where
// it lives; these read the backend's own files so a change on one side fails here, not in a pod.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, VALUES_LOCAL, findObject, render, storeValues, type K8sObject } from './render';
import { podOf } from './shapes';

const BACKEND = join(REPO_ROOT, 'images/medusa');

/** Names of the environment variables a file reads as `env.NAME` / `process.env.NAME`. */
function envReadBy(source: string): string[] {
  return [...new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] ?? ''))]
    .filter(Boolean)
    .sort();
}

/** Names the entry script insists on (`require NAME …`). */
function requiredByEntry(script: string): string[] {
  return [...script.matchAll(/^\s*require ([A-Z_ ]+)$/gm)]
    .flatMap((m) => (m[1] ?? '').trim().split(/\s+/))
    .sort();
}

describe('Medusa chart and backend image', () => {
  let objects: K8sObject[] = [];
  beforeAll(async () => {
    objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
  });

  const envOf = (kind: string, name: string, container: string): string[] => {
    const spec = podOf(findObject(objects, kind, name)).spec;
    const found = [...(spec.initContainers ?? []), ...spec.containers].find(
      (c) => c.name === container,
    );
    return (found?.env ?? []).map((e) => e.name);
  };

  it('gives migrate, the server and the setup Job every variable medusa-config.ts reads', async () => {
    const config = await readFile(join(BACKEND, 'medusa-config.ts'), 'utf8');
    const read = envReadBy(config);
    expect(read).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'COOKIE_SECRET']));
    for (const [kind, name, container] of [
      ['Deployment', 'shop1-medusa', 'migrate'],
      ['Deployment', 'shop1-medusa', 'medusa'],
      ['Job', 'shop1-setup', 'setup'],
    ] as const) {
      expect(envOf(kind, name, container), container).toEqual(expect.arrayContaining(read));
    }
  });

  it('gives each entry-script command the variables it requires', async () => {
    const script = await readFile(join(BACKEND, 'bin/storefleet-medusa'), 'utf8');
    expect(requiredByEntry(script)).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'MEDUSA_ADMIN_EMAIL', 'MEDUSA_ADMIN_PASSWORD']),
    );
    const setup = envOf('Job', 'shop1-setup', 'setup');
    for (const name of requiredByEntry(script)) expect(setup, name).toContain(name);
  });

  it('runs the image as the uid it is built for, from the folder its entry script uses', async () => {
    const dockerfile = await readFile(join(BACKEND, 'Dockerfile'), 'utf8');
    // The official node images' `node` user is uid/gid 1000, which the chart sets as numbers.
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^\nFROM node:/);
    expect(runtime).toMatch(/^USER node$/m);
    for (const kind of ['Deployment', 'Job'] as const) {
      const pod = podOf(findObject(objects, kind, kind === 'Job' ? 'shop1-setup' : 'shop1-medusa'));
      expect(pod.spec.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000 });
    }
    // The uploads emptyDir goes where the app (MEDUSA_APP_DIR, /app) keeps them.
    expect(runtime).toMatch(/MEDUSA_APP_DIR=\/app/);
    expect(runtime).toMatch(/\/usr\/local\/bin\/storefleet-medusa/);
    const medusa = podOf(findObject(objects, 'Deployment', 'shop1-medusa')).spec.containers[0];
    expect(medusa?.volumeMounts?.map((m) => m.mountPath)).toContain('/app/static');
  });
});
