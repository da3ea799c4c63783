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

  it('upgrades and rolls back Ready, Failed and Cancelled stores, the way Helm users recover', () => {
    for (const status of ['Queued', 'Updating', 'Deleting', 'Missing', 'Stopped'] as const) {
      expect(isActionAllowed('upgrade', status)).toBe(false);
      expect(isActionAllowed('rollback', status)).toBe(false);
    }
    for (const status of ['Ready', 'Failed', 'Cancelled'] as const) {
      expect(isActionAllowed('upgrade', status)).toBe(true);
      expect(isActionAllowed('rollback', status)).toBe(true);
    }
  });

  it('retries only Failed and Cancelled stores', () => {
    expect(isActionAllowed('retry', 'Failed')).toBe(true);
    expect(isActionAllowed('retry', 'Cancelled')).toBe(true);
    for (const status of ['Queued', 'Provisioning', 'Ready', 'Updating', 'Missing'] as const) {
      expect(isActionAllowed('retry', status)).toBe(false);
    }
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
    expect(nothingInCluster('Cancelled', 'validate')).toBe(true);
    expect(nothingInCluster('Cancelled', 'helm')).toBe(false);
    expect(nothingInCluster('Queued', 'helm')).toBe(false);
    expect(nothingInCluster('Failed', 'namespace')).toBe(false);
    expect(nothingInCluster('Ready', null)).toBe(false);
  });
});
