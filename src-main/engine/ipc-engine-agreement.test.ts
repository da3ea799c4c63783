// What the IPC boundary lets through, the engine must take; what the IPC refuses, the engine must
// refuse too. Both run the real checks (parseArg is what dispatch runs before every handler;
// parse* and validate* are what the engine calls), over many candidates at and around every edge.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArg } from '../../src-shared/ipc/parse-arg';
import { isDnsLabel } from '../../src-shared/rules/dns-label';
import { storeNamespace } from '../../src-shared/rules/store-name-rule';
import { woocommerceDriver } from '../store-kinds/woocommerce/driver';
import { generatePassword } from '../store-kinds/woocommerce/passwords';
import { parseCreateInput, parseUpgradeInput, validateStoreId } from './validate-input';
import { IDS, MEMORY, NAMES, TAGS, VERSIONS } from '../../test-rig/engine/input-candidates';

function accepts(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

function agree(ipc: () => unknown, engine: () => unknown): { ipc: boolean; engine: boolean } {
  return { ipc: accepts(ipc), engine: accepts(engine) };
}

function disagreements<T>(
  candidates: readonly T[],
  judge: (c: T) => { ipc: boolean; engine: boolean },
): { candidate: T; ipc: boolean; engine: boolean }[] {
  return candidates
    .map((candidate) => ({ candidate, ...judge(candidate) }))
    .filter((r) => r.ipc !== r.engine);
}

describe('the IPC boundary and the engine accept the same inputs', () => {
  it('store names on createStore', () => {
    const found = disagreements(NAMES, (name) => {
      const input = { context: 'k3d-dev', name, kind: 'woocommerce' };
      return agree(
        () => parseArg('createStore', input),
        () => parseCreateInput(input, ['woocommerce']),
      );
    });
    expect(found).toEqual([]);
  });

  it('store ids on every method that takes one', () => {
    const found = disagreements(IDS, (storeId) =>
      agree(
        () => parseArg('getStore', { storeId }),
        () => validateStoreId(storeId),
      ),
    );
    expect(found).toEqual([]);
  });

  it.each([
    ['woocommerceVersion', VERSIONS],
    ['memoryLimit', MEMORY],
    ['wordpressImageTag', TAGS],
  ] as const)('upgrade values: %s', (key, candidates) => {
    const found = disagreements(candidates, (value) => {
      const input = { storeId: 's-a', [key]: value };
      return agree(
        () => parseArg('upgradeStore', input),
        () => parseUpgradeInput(input),
      );
    });
    expect(found).toEqual([]);
  });

  it('an upgrade store id is judged the same way as on its own', () => {
    const found = disagreements(IDS, (storeId) => {
      const input = { storeId, memoryLimit: '512Mi' };
      return agree(
        () => parseArg('upgradeStore', input),
        () => parseUpgradeInput(input),
      );
    });
    expect(found).toEqual([]);
  });

  it('an upgrade that changes nothing', () => {
    for (const input of [{ storeId: 's-a' }, { storeId: 's-a', memoryLimit: undefined }]) {
      expect(
        agree(
          () => parseArg('upgradeStore', input),
          () => parseUpgradeInput(input),
        ),
      ).toEqual({
        ipc: false,
        engine: false,
      });
    }
  });

  it('the candidates reach both sides of every rule (a sweep that only accepts proves nothing)', () => {
    const outcomes = (list: readonly unknown[], check: (v: unknown) => unknown) =>
      new Set(list.map((v) => accepts(() => check(v))));
    expect(
      outcomes(NAMES, (name) =>
        parseArg('createStore', { context: 'c', name, kind: 'woocommerce' }),
      ),
    ).toEqual(new Set([true, false]));
    expect(outcomes(IDS, (storeId) => parseArg('getStore', { storeId }))).toEqual(
      new Set([true, false]),
    );
    for (const [key, list] of [
      ['woocommerceVersion', VERSIONS],
      ['memoryLimit', MEMORY],
    ] as const) {
      expect(outcomes(list, (v) => parseArg('upgradeStore', { storeId: 's', [key]: v }))).toEqual(
        new Set([true, false]),
      );
    }
  });
});

// Past the engine, the same inputs go into the chart's values and Kubernetes object names; none of
// those may refuse what the engine took.
describe('what the engine accepts, the chart values and Kubernetes names take', () => {
  const secrets = {
    mariadbRootPassword: generatePassword(),
    mariadbPassword: generatePassword(),
    wordpressAdminPassword: generatePassword(),
  };
  const engineAccepts = (list: readonly unknown[], check: (v: unknown) => unknown) =>
    list.filter((v) => accepts(() => check(v)));

  it('store names and ids', () => {
    const names = engineAccepts(NAMES, (name) =>
      parseCreateInput({ context: 'c', name, kind: 'woocommerce' }, ['woocommerce']),
    ) as string[];
    const ids = engineAccepts(IDS, validateStoreId) as string[];
    expect(names.length).toBeGreaterThan(10);
    expect(ids.length).toBeGreaterThan(5);
    for (const name of names) {
      const store = { id: ids[0] as string, name, namespace: storeNamespace(name) };
      expect(isDnsLabel(store.namespace)).toBe(true);
      const { service, bootstrapJob } = woocommerceDriver.workloads(store);
      expect(isDnsLabel(service, { startWithLetter: true })).toBe(true);
      expect(isDnsLabel(bootstrapJob)).toBe(true);
      const host = woocommerceDriver.host(store, 'localhost');
      expect(() => woocommerceDriver.buildValues({ store, host, secrets })).not.toThrow();
    }
    for (const id of ids) {
      const store = { id, name: 'shop', namespace: storeNamespace('shop') };
      expect(() =>
        woocommerceDriver.buildValues({ store, host: 'shop.localhost', secrets }),
      ).not.toThrow();
    }
  });

  it.each([
    ['woocommerceVersion', VERSIONS],
    ['memoryLimit', MEMORY],
    ['wordpressImageTag', TAGS],
  ] as const)('upgrade values: %s', (key, candidates) => {
    const taken = candidates.flatMap((value) => {
      try {
        return [parseUpgradeInput({ storeId: 's', [key]: value }).values];
      } catch {
        return [];
      }
    });
    expect(taken.length).toBeGreaterThan(0);
    const store = { id: 's', name: 'shop', namespace: storeNamespace('shop') };
    for (const extra of taken) {
      const values = woocommerceDriver.buildValues({
        store,
        host: 'shop.localhost',
        secrets,
        extra,
      });
      // and the setting reads back from the release's values as it went in
      expect(woocommerceDriver.settingsFromValues(values)).toEqual(extra);
    }
  });
});

// Helm checks the values against the chart's values.schema.json; it must take every value the
// engine passes on (the schema may be wider, never narrower).
describe("what the engine accepts, the chart's values schema takes", () => {
  const schemaUrl = new URL('../../charts/woocommerce/values.schema.json', import.meta.url);
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as {
    definitions: Record<string, { pattern?: string }>;
    properties: {
      woocommerce: { properties: { version: { pattern: string } } };
      images: {
        properties: { wordpress: { allOf: { properties?: { tag?: { pattern: string } } }[] } };
      };
    };
  };
  const chartPattern = (pattern: string | undefined) => new RegExp(pattern ?? '(?!)', 'u');
  const engineTakes = (list: readonly unknown[], check: (v: unknown) => unknown) =>
    list.filter((v) => accepts(() => check(v))) as string[];

  it.each([
    [
      'store names',
      schema.definitions['dnsLabel']?.pattern,
      engineTakes(NAMES, (name) =>
        parseCreateInput({ context: 'c', name, kind: 'woocommerce' }, ['woocommerce']),
      ),
    ],
    ['store ids', schema.definitions['labelValue']?.pattern, engineTakes(IDS, validateStoreId)],
    [
      'WooCommerce versions',
      schema.properties.woocommerce.properties.version.pattern,
      engineTakes(VERSIONS, (v) => parseUpgradeInput({ storeId: 's', woocommerceVersion: v })),
    ],
    [
      'memory limits',
      schema.definitions['bytes']?.pattern,
      engineTakes(MEMORY, (v) => parseUpgradeInput({ storeId: 's', memoryLimit: v })),
    ],
    [
      'WordPress image tags',
      schema.properties.images.properties.wordpress.allOf.find((s) => s.properties?.tag)?.properties
        ?.tag?.pattern,
      engineTakes(TAGS, (v) => parseUpgradeInput({ storeId: 's', wordpressImageTag: v })),
    ],
  ])('%s', (_what, pattern, taken) => {
    expect(taken.length).toBeGreaterThan(0);
    const chart = chartPattern(pattern);
    expect(taken.filter((value) => !chart.test(value))).toEqual([]);
  });
});
