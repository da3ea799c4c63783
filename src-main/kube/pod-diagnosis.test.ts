import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  describePodProblem,
  plainFailedCreate,
  selectorString,
  summarizePods,
} from './pod-diagnosis';
import { redact } from './logs';

function pod(name: string, status: V1Pod['status']): V1Pod {
  return { metadata: { name }, status };
}

describe('describePodProblem', () => {
  it('quotes the scheduler for an unschedulable pod', () => {
    const p = pod('db-0', {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
        },
      ],
    });
    expect(describePodProblem(p)).toBe(
      "pod pending: 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
    );
  });

  it.each(['ImagePullBackOff', 'CrashLoopBackOff'])('names a container stuck in %s', (reason) => {
    const p = pod('web-1', {
      phase: 'Pending',
      containerStatuses: [
        {
          name: 'wordpress',
          image: 'wordpress:nope',
          imageID: '',
          ready: false,
          restartCount: 3,
          state: { waiting: { reason, message: 'Back-off 40s' } },
        },
      ],
    });
    expect(describePodProblem(p)).toBe(`pod web-1: container wordpress ${reason}: Back-off 40s`);
  });

  it('says nothing about a healthy pod, and prefers a stuck pod over a slow one', () => {
    const ready = pod('ok', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
    const creating = pod('slow', {
      phase: 'Pending',
      containerStatuses: [
        {
          name: 'c',
          image: 'i',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    });
    const failed = pod('bad', { phase: 'Failed', reason: 'Evicted', message: 'disk full' });
    expect(describePodProblem(ready)).toBeUndefined();
    expect(summarizePods([ready, creating])).toBe('pod slow Pending (ContainerCreating)');
    expect(summarizePods([ready, creating, failed])).toBe('pod bad failed: Evicted: disk full');
    expect(summarizePods([ready])).toBeUndefined();
  });
});

describe('selectorString', () => {
  it('renders labels and expressions in label-selector syntax', () => {
    expect(
      selectorString({
        matchLabels: { app: 'db', tier: 'data' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['a', 'b'] },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=db,tier=data,env in (a,b),!legacy');
  });
});

describe('redact', () => {
  it('blanks out every occurrence of each secret, ignoring trivially short ones', () => {
    expect(redact('user admin pass s3cr3t-pw and s3cr3t-pw', ['s3cr3t-pw', 'pw'])).toBe(
      'user admin pass [redacted] and [redacted]',
    );
  });
});

describe('plainFailedCreate', () => {
  it('keeps the admission reason and drops the per-retry pod names', () => {
    const quota = 'exceeded quota: store-quota, requested: pods=1, used: pods=0, limited: pods=0';
    expect(
      plainFailedCreate(
        `(combined from similar events): Error creating: pods "web-77d4bcc747-fjl2g" is forbidden: ${quota}`,
      ),
    ).toBe(quota);
    expect(
      plainFailedCreate(
        `create Pod mariadb-0 in StatefulSet mariadb failed error: pods "mariadb-0" is forbidden: ${quota}`,
      ),
    ).toBe(quota);
    expect(plainFailedCreate('Error creating: serviceaccount "x" not found')).toBe(
      'serviceaccount "x" not found',
    );
  });
});
