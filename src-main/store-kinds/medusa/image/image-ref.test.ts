import { describe, expect, it } from 'vitest';
import { listsImage, medusaImageRef, shortImageName } from './image-ref';

describe('medusa image names', () => {
  it('builds the ref under storefleet/medusa-backend', () => {
    expect(medusaImageRef('0123456789ab')).toBe('storefleet/medusa-backend:0123456789ab');
  });

  it('reads names as containerd reports them on a node', () => {
    expect(shortImageName('docker.io/storefleet/medusa-backend:abc')).toBe(
      'storefleet/medusa-backend:abc',
    );
    expect(shortImageName('docker.io/library/postgres:17.6')).toBe('postgres:17.6');
    expect(shortImageName('ghcr.io/acme/medusa:1')).toBe('ghcr.io/acme/medusa:1');
  });

  it('finds the ref among a node image list, and only the exact tag', () => {
    const names = [
      'docker.io/storefleet/medusa-backend@sha256:4f1c0e',
      'docker.io/storefleet/medusa-backend:aaaaaaaaaaaa',
    ];
    expect(listsImage(names, 'storefleet/medusa-backend:aaaaaaaaaaaa')).toBe(true);
    expect(listsImage(names, 'storefleet/medusa-backend:bbbbbbbbbbbb')).toBe(false);
    expect(listsImage([], 'storefleet/medusa-backend:aaaaaaaaaaaa')).toBe(false);
  });
});
