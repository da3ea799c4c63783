// Every fault family, by the name it reports under, in the order the suite runs them.
import { apiSilent } from './api-silent';
import { apiserverRestart } from './apiserver-restart';
import { createBurst } from './create-burst';
import { diskFull } from './disk-full';
import type { FaultEnv } from './fault-env';
import { helmKill } from './helm-kill';
import { hostileIpc } from './hostile-ipc';
import { killRestart } from './kill-restart';
import type { FamilyResult } from './report';
import { sqliteLocked } from './sqlite-locked';

export type Family = (env: FaultEnv) => Promise<FamilyResult>;

export const FAMILIES: Record<string, Family> = {
  'hostile-ipc': hostileIpc,
  'create-burst': createBurst,
  'api-silent': apiSilent,
  'sqlite-locked': sqliteLocked,
  'disk-full': diskFull,
  'helm-kill': helmKill,
  'kill-restart': killRestart,
  'apiserver-restart': apiserverRestart,
};
