// How the chart wires one-click admin login: the key only in the store's Secret, reaching
// WordPress (and nothing else) through a secretKeyRef, and the plugin mounted as a must-use
// plugin from the chart's own file.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHART_DIR,
  VALUES_LOCAL,
  findObject,
  render,
  storeValues,
  template,
  type K8sObject,
} from './render';
import { containersOf, isWorkload, podTemplateOf, type Container } from './shapes';

const PLUGIN = 'storefleet-admin-login.php';
const MOUNT = `/var/www/html/wp-content/mu-plugins/${PLUGIN}`;

interface Mount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

interface EnvRef {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}

function withLoginKey(loginKey: string): ReturnType<typeof storeValues> & {
  secrets: { loginKey: string };
} {
  const values = storeValues();
  return { ...values, secrets: { ...values.secrets, loginKey } };
}

function secretData(objects: readonly K8sObject[]): Record<string, string> {
  const secret = findObject(objects, 'Secret', 'shop1-credentials') as K8sObject & {
    data: Record<string, string>;
  };
  return secret.data;
}

function wordpress(objects: readonly K8sObject[]): Container {
  const [container] = containersOf(findObject(objects, 'Deployment', 'shop1-wordpress'));
  if (!container) throw new Error('the WordPress Deployment has no container');
  return container;
}

describe('one-click admin login in the chart', () => {
  it('keeps the login key in the Secret and hands it to WordPress only by reference', async () => {
    const key = randomBytes(32).toString('base64url');
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [withLoginKey(key)] });
    expect(Buffer.from(secretData(objects)['login-key'] ?? '', 'base64').toString()).toBe(key);

    const env = (wordpress(objects).env ?? []) as EnvRef[];
    expect(env.find((e) => e.name === 'STOREFLEET_LOGIN_KEY')).toEqual({
      name: 'STOREFLEET_LOGIN_KEY',
      valueFrom: { secretKeyRef: { name: 'shop1-credentials', key: 'login-key', optional: true } },
    });
    // Nowhere else: not in a value, not in another workload's env, not in any other object.
    const elsewhere = objects.filter((o) => o.kind !== 'Secret');
    for (const object of elsewhere) expect(JSON.stringify(object)).not.toContain(key);
    for (const workload of objects.filter(isWorkload)) {
      if (workload.kind === 'Deployment') continue;
      const refs = containersOf(workload)
        .flatMap((c) => (c.env ?? []) as EnvRef[])
        .filter((e) => e.valueFrom?.secretKeyRef?.key === 'login-key');
      expect(refs, `${workload.kind} ${workload.metadata.name}`).toEqual([]);
    }
  });

  it('renders a store without a login key (older stores) and WordPress still starts', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    expect(Object.keys(secretData(objects))).not.toContain('login-key');
    const env = (wordpress(objects).env ?? []) as EnvRef[];
    expect(
      env.find((e) => e.name === 'STOREFLEET_LOGIN_KEY')?.valueFrom?.secretKeyRef?.optional,
    ).toBe(true);
  });

  it('mounts the chart’s plugin file as a must-use plugin, read-only, beside the owner’s', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    const mounts = (wordpress(objects).volumeMounts ?? []) as Mount[];
    const mount = mounts.find((m) => m.mountPath === MOUNT);
    expect(mount).toEqual({
      name: 'mu-plugins',
      mountPath: MOUNT,
      subPath: PLUGIN,
      readOnly: true,
    });

    const template = podTemplateOf(findObject(objects, 'Deployment', 'shop1-wordpress'));
    const volume = (template.spec.volumes ?? []).find((v) => v.name === 'mu-plugins') as
      { configMap?: { name: string; items: { key: string; path: string }[] } } | undefined;
    expect(volume?.configMap?.name).toBe('shop1-bootstrap');
    // beside the mail catcher's plugin, which values-local.yaml turns on (see mail-chart.test.ts)
    expect(volume?.configMap?.items).toEqual([
      { key: PLUGIN, path: PLUGIN },
      { key: 'storefleet-mail.php', path: 'storefleet-mail.php' },
    ]);

    const configMap = findObject(objects, 'ConfigMap', 'shop1-bootstrap') as K8sObject & {
      data: Record<string, string>;
    };
    const source = await readFile(join(CHART_DIR, 'files', PLUGIN), 'utf8');
    expect(configMap.data[PLUGIN]).toBe(source.trimEnd());
    // A new plugin rolls the pods: a subPath mount never sees the ConfigMap change.
    expect(template.metadata.annotations?.['checksum/admin-login']).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['too short', 'a'.repeat(31)],
    ['too long', 'b'.repeat(257)],
  ])('refuses a login key that is %s, without echoing it', async (_name, key) => {
    const result = await template({ valuesFiles: [VALUES_LOCAL], values: [withLoginKey(key)] });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('/secrets/loginKey');
    expect(result.stderr).not.toContain(key);
  });
});
