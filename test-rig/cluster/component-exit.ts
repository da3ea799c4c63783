import { logTail, type Component, type ExitInfo } from './component';
import { ClusterError } from './errors';

/** Why a component stopped, as one sentence, a fix and the end of its log. */
export async function exitError(component: Component, exit: ExitInfo): Promise<ClusterError> {
  const tail = await logTail(component.spec.logFile);
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const busy = tail.find((line) => /address already in use/i.test(line));
  if (busy) {
    const port = /127\.0\.0\.1:(\d+)/.exec(busy)?.[1];
    return new ClusterError(
      `${component.spec.name} could not listen: port ${port ?? '(see log)'} is already in use`,
      'another process took the port between selection and start; run again (ports are picked fresh each start)',
      tail,
    );
  }
  return new ClusterError(
    `${component.spec.name} ${how} (full log: ${component.spec.logFile})`,
    'read the log tail below; if a binary is broken, delete the toolchain bin dir and run `npm run toolchain`',
    tail,
  );
}
