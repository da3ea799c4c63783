// The fault suite's fast subset, in the default test run: a few families at small counts on the
// shared test cluster (`npm run test:faults` runs every family at full counts on its own).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCluster } from '../cluster/test-cluster';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../stand-ins/woocommerce/store-api-stand-in';
import type { FaultEnv } from './fault-env';
import { hostileIpc } from './hostile-ipc';
import { killRestart } from './kill-restart';
import type { FamilyResult } from './report';
import { sqliteLocked } from './sqlite-locked';

let standIn: StoreApiStandIn;
let workDir: string;

beforeAll(async () => {
  standIn = await startStoreApiStandIn();
  workDir = await mkdtemp(join(tmpdir(), 'storefleet-faults-int-'));
});
afterAll(async () => {
  await standIn.close();
  await rm(workDir, { recursive: true, force: true });
});

function env(): FaultEnv {
  return { cluster: testCluster(), standIn, workDir, scale: 'fast', log: () => undefined };
}

/** Every injected fault converged, nothing left behind, nothing lost; notes shown on failure. */
function expectSurvived(r: FamilyResult, atLeast: number): void {
  expect({
    ...r,
    // A create refused by its Helm or cluster check on a loaded machine is noted, not a fault.
    notes: r.notes.filter(
      (n) =>
        !n.startsWith('create refused before the database') &&
        /leftover|lost|not converged|stopped/.test(n),
    ),
  }).toMatchObject({ leftovers: 0, lostRows: 0, notes: [] });
  expect(r.injected, r.notes.join('\n')).toBeGreaterThanOrEqual(atLeast);
  expect(r.converged, r.notes.join('\n')).toBe(r.injected);
}

// One family at a time: together they starve `helm version` on two cores past its deadline.
describe('faults injected into running engines on the test cluster', () => {
  it('a burst of 50 hostile IPC calls through the real dispatch is refused, changing nothing', async () => {
    expectSurvived(await hostileIpc(env()), 50);
  });

  it('kill -9 of the app during the helm step, then a restart: the store converges, nothing is left', async () => {
    expectSurvived(await killRestart(env()), 1);
  });

  it('the database write-locked past the busy timeout: clear SQLITE_BUSY errors, the store resumes', async () => {
    expectSurvived(await sqliteLocked(env()), 2);
  });
});
