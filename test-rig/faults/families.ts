// Every fault family, by the name it reports under, in the order the suite runs them.
import type { FaultEnv } from './fault-env';
import type { FamilyResult } from './report';
import { killRestart } from './kill-restart';

export type Family = (env: FaultEnv) => Promise<FamilyResult>;

export const FAMILIES: Record<string, Family> = {
  'kill-restart': killRestart,
};
