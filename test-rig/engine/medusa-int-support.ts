// Medusa stores on the test cluster, whose pods run no container: the storefront check of the
// real Medusa driver goes to the LOCAL STAND-IN of a Medusa server instead of the store's pod.
// The hook-free parts live in medusa-stand-in-driver.ts (the provisioning benchmark uses them).
import { afterAll, beforeAll } from 'vitest';
import { startMedusaStandIn, type MedusaStandIn } from '../stand-ins/medusa/medusa-stand-in';

export {
  STAND_IN_MEDUSA_IMAGE,
  medusaImageOverride,
  towardMedusaStandIn,
} from './medusa-stand-in-driver';

/** One Medusa stand-in for a test file, started before its tests and closed after them. */
export function useMedusaStandIn(): () => MedusaStandIn {
  let current: MedusaStandIn | undefined;
  beforeAll(async () => {
    current = await startMedusaStandIn();
  });
  afterAll(() => current?.close());
  return () => {
    if (!current) throw new Error('the Medusa stand-in starts in beforeAll');
    return current;
  };
}
