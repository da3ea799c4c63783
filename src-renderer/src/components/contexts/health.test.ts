import { describe, expect, it } from 'vitest';
import type { ContextProbe } from '../../../../src-shared/types/service-types';
import { describeHealth } from './health';

const healthy: ContextProbe = {
  context: 'k3d-shop',
  reachable: true,
  error: null,
  serverVersion: 'v1.31.5+k3s1',
  readyNodes: 1,
  totalNodes: 1,
  defaultStorageClass: 'local-path',
  ingressClasses: ['traefik'],
  traefik: true,
  checkedAt: '2026-11-29T10:00:00.000Z',
};

describe('describeHealth', () => {
  it('calls a reachable context with Ready nodes Healthy, with its facts', () => {
    const h = describeHealth({ state: 'done', probe: healthy });
    expect(h).toMatchObject({ word: 'Healthy', tone: 'ready' });
    expect(h.detail).toContain('1/1 nodes Ready');
  });

  it('calls a reachable context whose credentials travel unprotected Insecure, with the warning', () => {
    const warning =
      'The kube context "k3d-shop" sends its token to http://10.0.0.5:6443 unencrypted.';
    const h = describeHealth({ state: 'done', probe: { ...healthy, warnings: [warning] } });
    expect(h).toEqual({ word: 'Insecure', tone: 'warn', detail: warning });
  });

  it('says Unreachable, with the probe sentence, before any warning', () => {
    const h = describeHealth({
      state: 'done',
      probe: {
        ...healthy,
        reachable: false,
        error: 'The cluster refused the connection.',
        warnings: ['w'],
      },
    });
    expect(h).toEqual({
      word: 'Unreachable',
      tone: 'failed',
      detail: 'The cluster refused the connection.',
    });
  });
});
