import { describe, expect, it } from 'vitest';
import { isActionAllowed, nothingInCluster, refusalCode } from './transitions';

describe('store transitions', () => {
  it('cancels only queued or provisioning stores', () => {
    expect(isActionAllowed('cancel', 'Queued')).toBe(true);
    expect(isActionAllowed('cancel', 'Provisioning')).toBe(true);
    expect(isActionAllowed('cancel', 'Ready')).toBe(false);
    expect(isActionAllowed('cancel', 'Deleting')).toBe(false);
  });

  it('deletes from any state but Deleted', () => {
    expect(isActionAllowed('delete', 'Failed')).toBe(true);
    expect(isActionAllowed('delete', 'Missing')).toBe(true);
    expect(isActionAllowed('delete', 'Deleted')).toBe(false);
  });

  it('upgrades and reveals only Ready stores', () => {
    for (const status of ['Queued', 'Failed', 'Updating', 'Deleting'] as const) {
      expect(isActionAllowed('upgrade', status)).toBe(false);
      expect(isActionAllowed('reveal', status)).toBe(false);
    }
    expect(isActionAllowed('upgrade', 'Ready')).toBe(true);
  });

  it('stops only Ready stores and starts only Stopped ones', () => {
    for (const status of ['Queued', 'Failed', 'Updating', 'Deleting', 'Missing'] as const) {
      expect(isActionAllowed('stop', status)).toBe(false);
      expect(isActionAllowed('start', status)).toBe(false);
    }
    expect(isActionAllowed('stop', 'Ready')).toBe(true);
    expect(isActionAllowed('stop', 'Stopped')).toBe(false);
    expect(isActionAllowed('start', 'Stopped')).toBe(true);
    expect(isActionAllowed('start', 'Ready')).toBe(false);
    expect(isActionAllowed('delete', 'Stopped')).toBe(true);
    expect(refusalCode('stop')).toBe('not-ready');
    expect(refusalCode('start')).toBe('conflict');
  });

  it('knows when a store cannot have touched the cluster', () => {
    expect(nothingInCluster('Queued', null)).toBe(true);
    expect(nothingInCluster('Failed', 'validate')).toBe(true);
    expect(nothingInCluster('Queued', 'helm')).toBe(false);
    expect(nothingInCluster('Failed', 'namespace')).toBe(false);
    expect(nothingInCluster('Ready', null)).toBe(false);
  });
});
