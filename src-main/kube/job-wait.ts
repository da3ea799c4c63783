import type { V1Job, V1Pod } from '@kubernetes/client-node';
import type { KubeClients } from './client';
import { errorText, isNotFound, readOrUndefined } from './client';
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

/** A hash a chart appends to a Job's name so that a Job whose spec changes gets a new name. */
const SPEC_HASH = /^[0-9a-f]{8}$/;

/** True when `job` is the Job `stem` names: that name, or `<stem>-<spec hash>`. */
export function isJobOf(stem: string, job: string): boolean {
  if (job === stem) return true;
  return job.startsWith(`${stem}-`) && SPEC_HASH.test(job.slice(stem.length + 1));
}

/**
 * The Job `stem` names now: the one so named, or the newest `<stem>-<spec hash>` that is not
 * being deleted. A chart that names its Job after its spec (so that a rollback across a change
 * creates the other Job instead of patching an immutable template) is found by its stem.
 */
export async function findJob(
  c: KubeClients,
  ns: string,
  stem: string,
): Promise<V1Job | undefined> {
  const exact = await readOrUndefined(() =>
    c.batch.readNamespacedJob({ name: stem, namespace: ns }),
  );
  if (exact) return exact;
  const list = await c.batch.listNamespacedJob({ namespace: ns });
  return list.items
    .filter((j) => isJobOf(stem, j.metadata?.name ?? '') && !j.metadata?.deletionTimestamp)
    .sort((a, b) => createdAt(b) - createdAt(a))[0];
}

/** Deletes every Job `stem` names (see findJob); one that is already gone counts as deleted. */
export async function deleteJobsOf(c: KubeClients, ns: string, stem: string): Promise<void> {
  const list = await c.batch.listNamespacedJob({ namespace: ns });
  for (const job of list.items) {
    const name = job.metadata?.name ?? '';
    if (!isJobOf(stem, name)) continue;
    try {
      await c.batch.deleteNamespacedJob({ name, namespace: ns, propagationPolicy: 'Background' });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

function createdAt(job: V1Job): number {
  const t = job.metadata?.creationTimestamp;
  return t ? new Date(t).getTime() : 0;
}

/**
 * Resolves when the Job `stem` names (see findJob) is Complete; a Failed Job rejects with
 * JobFailedError and its log tail.
 */
export function waitForJobComplete(
  c: KubeClients,
  ns: string,
  stem: string,
  o: JobWaitOpts,
): Promise<void> {
  return waitWithDiagnosis(`job ${stem} in namespace ${ns} to complete`, o, async () => {
    const job = await findJob(c, ns, stem);
    if (!job) return { done: false, summary: `${stem}: job not created yet` };
    const name = job.metadata?.name ?? stem;
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
