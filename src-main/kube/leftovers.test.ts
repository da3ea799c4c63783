import { describe, expect, it } from 'vitest';
import { splitLeftovers } from './leftovers';

describe('splitLeftovers', () => {
  it('sets apart Released volumes with reclaim Delete, which their provisioner is removing', () => {
    const left = [
      'persistentvolume pvc-1 (Released, reclaim Delete, claimed by store-a/data-a-mariadb-0)',
      'persistentvolume pvc-2 (Released, reclaim Delete)',
      'persistentvolume pvc-3 (Released, reclaim Retain, claimed by store-a/data-a-mariadb-0)',
      'persistentvolume pvc-4 (Bound, reclaim Delete, claimed by store-a/data-a-mariadb-0)',
      'persistentvolume pvc-5 (Failed, reclaim Delete)',
      'secret store-a/a-credentials',
      'ingress store-a/a',
    ];
    expect(splitLeftovers(left)).toEqual({
      reclaiming: ['pvc-1', 'pvc-2'],
      others: left.slice(2),
    });
  });

  it('finds nothing to wait for in an empty list', () => {
    expect(splitLeftovers([])).toEqual({ reclaiming: [], others: [] });
  });
});
