import type { V1Job, V1Pod } from '@kubernetes/client-node';
import type { KubeClients } from './client';
import { errorText, readOrUndefined } from './client';
import { readPodLogTail, redact } from './logs';
import {
  describePodProblem,
  latestFailedCreate,
  listPods,
  selectorString,
  summarizePods,
} from './pod-diagnosis';
import type { WaitOpts } from './progress-wait';
import { waitWithDiagnosis } from './progress-wait';

export interface JobWaitOpts extends WaitOpts {
  /** strings to blank out of the failure's log tail, e.g. the store's generated passwords */
  redact?: readonly string[];
}

const LOG_TAIL_LINES = 50;

export class JobFailedError extends Error {
  constructor(
    message: string,
    readonly job: string,
    readonly reason: string,
    /** last lines of the most recent pod's log, or one line saying why they are missing */
    readonly logTail: string[],
  ) {
    super(message);
    this.name = 'JobFailedError';
  }
}

/** Resolves when the Job is Complete; a Failed Job rejects with JobFailedError and its log tail. */
export function waitForJobComplete(
  c: KubeClients,
  ns: string,
  name: string,
  o: JobWaitOpts,
): Promise<void> {
  return waitWithDiagnosis(`job ${name} in namespace ${ns} to complete`, o, async () => {
    const job = await readOrUndefined(() => c.batch.readNamespacedJob({ name, namespace: ns }));
    if (!job) return { done: false, summary: `${name}: job not created yet` };
    if (hasCondition(job, 'Complete')) return { done: true, summary: `${name}: complete` };
    // FailureTarget is set as soon as the outcome is decided; Failed follows once pods are gone.
    const failed = hasCondition(job, 'Failed') ?? hasCondition(job, 'FailureTarget');
    if (failed) throw await jobFailure(c, ns, name, job, failed, o.redact);
    const selector = selectorString(job.spec?.selector);
    const uid = job.metadata?.uid;
    return {
      done: false,
      summary: jobSummary(name, job),
      diagnose: async () => {
        const pods = await listPods(c, ns, selector);
        const problem = summarizePods(pods);
        if (problem || (job.status?.active ?? 0) > 0 || !uid) return problem;
        return latestFailedCreate(c, ns, [uid]);
      },
    };
  });
}

function hasCondition(job: V1Job, type: string): { reason: string; message: string } | undefined {
  const cond = job.status?.conditions?.find((x) => x.type === type && x.status === 'True');
  return cond ? { reason: cond.reason ?? type, message: cond.message ?? '' } : undefined;
}

function jobSummary(name: string, job: V1Job): string {
  const active = job.status?.active ?? 0;
  const failed = job.status?.failed ?? 0;
  const state = active > 0 ? 'running' : 'waiting for a pod';
  return `${name}: ${state}${failed ? `, ${failed} failed attempt${failed === 1 ? '' : 's'}` : ''}`;
}

async function jobFailure(
  c: KubeClients,
  ns: string,
  name: string,
  job: V1Job,
  failed: { reason: string; message: string },
  secrets: readonly string[] | undefined,
): Promise<JobFailedError> {
  const why = failed.message ? `${failed.reason}: ${failed.message}` : failed.reason;
  let pod: V1Pod | undefined;
  let tail: string[];
  try {
    const pods = await listPods(c, ns, selectorString(job.spec?.selector));
    pod = pods.sort((a, b) => created(b) - created(a))[0];
    const podName = pod?.metadata?.name;
    tail = podName
      ? await readPodLogTail(c, ns, podName, LOG_TAIL_LINES, {
          container: failedContainer(pod),
          redact: secrets,
        })
      : ['(no pod of this job is left to read logs from)'];
  } catch (error) {
    tail = [`(pods of job ${name} could not be listed: ${errorText(error)})`];
  }
  const podProblem = pod && describePodProblem(pod);
  const message = `job ${name} failed: ${why}${podProblem ? `; ${podProblem}` : ''}`;
  return new JobFailedError(redact(message, secrets), name, failed.reason, tail);
}

function created(pod: V1Pod | undefined): number {
  const t = pod?.metadata?.creationTimestamp;
  return t ? new Date(t).getTime() : 0;
}

/** The container that exited non-zero, so the tail explains the failure rather than a sidecar. */
function failedContainer(pod: V1Pod | undefined): string | undefined {
  const statuses = [
    ...(pod?.status?.initContainerStatuses ?? []),
    ...(pod?.status?.containerStatuses ?? []),
  ];
  const bad = statuses.find((s) => (s.state?.terminated?.exitCode ?? 0) !== 0);
  return bad?.name ?? pod?.spec?.containers[0]?.name;
}
