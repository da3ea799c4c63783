import { describe, expect, it } from 'vitest';
import { standInStore } from '../../../../test-rig/fake-fixtures';
import { announcementsBetween, statusAnnouncement } from './status-announcements';

const byId = (...stores: ReturnType<typeof standInStore>[]) =>
  Object.fromEntries(stores.map((s) => [s.id, s]));

describe('status announcements', () => {
  it('says each outcome as a sentence', () => {
    expect(statusAnnouncement(standInStore({ name: 'shop', status: 'Ready' }))).toBe(
      'Store shop is Ready.',
    );
    expect(
      statusAnnouncement(standInStore({ name: 'shop', status: 'Failed', step: 'verify' })),
    ).toBe('Store shop failed at Verify order.');
    expect(statusAnnouncement(standInStore({ name: 'shop', status: 'Failed' }))).toBe(
      'Store shop failed.',
    );
    expect(statusAnnouncement(standInStore({ name: 'shop', status: 'Missing' }))).toBe(
      'Store shop is missing from the cluster.',
    );
    expect(statusAnnouncement(standInStore({ name: 'shop', status: 'Stopped' }))).toBe(
      'Store shop is stopped.',
    );
    expect(statusAnnouncement(standInStore({ name: 'shop', status: 'Deleted' }))).toBe(
      'Store shop was deleted.',
    );
  });

  it('keeps quiet about the steps on the way', () => {
    for (const status of ['Queued', 'Provisioning', 'Updating', 'Deleting'] as const) {
      expect(statusAnnouncement(standInStore({ name: 'shop', status }))).toBeNull();
    }
  });

  it('announces a known store of the selected context whose status changed, only then', () => {
    const shop = standInStore({ name: 'shop', status: 'Provisioning' });
    const far = standInStore({ name: 'far', context: 'k3s-vps', status: 'Provisioning' });
    const before = byId(shop, far);
    const after = byId(
      { ...shop, status: 'Ready' },
      { ...far, status: 'Ready' },
      standInStore({ name: 'new', status: 'Ready' }),
    );
    expect(announcementsBetween(before, after, 'k3d-dev')).toEqual(['Store shop is Ready.']);
    expect(announcementsBetween(before, after, 'k3s-vps')).toEqual(['Store far is Ready.']);
    expect(announcementsBetween(before, after, null)).toEqual([]);
    expect(announcementsBetween(after, { ...after }, 'k3d-dev')).toEqual([]);
    expect(announcementsBetween({}, after, 'k3d-dev')).toEqual([]);
  });
});
