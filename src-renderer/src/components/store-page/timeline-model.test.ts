import { describe, expect, it } from 'vitest';
import { standInEvent } from '../../../../test-rig/fake-fixtures';
import { buildAttempts, buildTimeline, failedEventMessage } from './timeline-model';

describe('buildTimeline', () => {
  it('restarts a step that runs again, so the row shows the latest run', () => {
    const rows = buildTimeline(
      [
        standInEvent({ id: 1, step: 'helm', status: 'started', at: '2025-01-01T10:00:00Z' }),
        standInEvent({ id: 2, step: 'helm', status: 'failed', at: '2025-01-01T10:00:05Z' }),
        standInEvent({ id: 3, step: 'helm', status: 'started', at: '2025-01-01T10:01:00Z' }),
      ],
      'Provisioning',
    );
    expect(rows[0]).toMatchObject({
      step: 'helm',
      state: 'running',
      startedAt: '2025-01-01T10:01:00Z',
      endedAt: null,
    });
  });

  it('adds pending provisioning steps only while provisioning', () => {
    expect(buildTimeline([], 'Queued').map((r) => r.state)).toEqual(Array(8).fill('pending'));
    expect(buildTimeline([], 'Ready')).toEqual([]);
  });

  it('has no start time for a step seen only by its end', () => {
    const [row] = buildTimeline(
      [standInEvent({ id: 1, step: 'verify', status: 'succeeded' })],
      'Ready',
    );
    expect(row).toMatchObject({ state: 'succeeded', startedAt: null });
  });

  it('finds the message of the last failure of the failed step', () => {
    const events = [
      standInEvent({ id: 1, step: 'helm', status: 'failed', message: 'old' }),
      standInEvent({ id: 2, step: 'bootstrap', status: 'failed', message: 'tail' }),
    ];
    expect(failedEventMessage(events, 'bootstrap')).toBe('tail');
    expect(failedEventMessage(events, 'helm')).toBe('old');
  });
});

describe('buildAttempts', () => {
  const at = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00Z`;
  let id = 0;
  const ev = (
    step: Parameters<typeof standInEvent>[0]['step'],
    status: Parameters<typeof standInEvent>[0]['status'],
    minute: number,
    message = '',
  ) => standInEvent({ id: ++id, step, status, at: at(minute), message });

  it('groups create, retry after a failure, upgrade, stop and start, oldest first', () => {
    const events = [
      ev('validate', 'started', 0),
      ev('validate', 'succeeded', 0),
      ev('bootstrap', 'started', 1),
      ev('bootstrap', 'failed', 2, 'The bootstrap Job failed.'),
      ev('bootstrap', 'started', 5),
      ev('bootstrap', 'succeeded', 6),
      ev('ready', 'succeeded', 7),
      ev('upgrade', 'started', 10),
      ev('upgrade', 'succeeded', 11, 'Upgraded to revision 2.'),
      ev('stop', 'started', 12),
      ev('stop', 'succeeded', 12),
      ev('start', 'started', 13),
      ev('start', 'succeeded', 14),
    ];
    const attempts = buildAttempts(events, 'Ready');
    expect(attempts.map((a) => [a.label, a.outcome])).toEqual([
      ['Create', 'failed'],
      ['Retry', 'succeeded'],
      ['Upgrade', 'succeeded'],
      ['Stop', 'succeeded'],
      ['Start', 'succeeded'],
    ]);
    expect(attempts[1]?.steps.map((s) => s.step)).toEqual(['bootstrap', 'ready']);
    expect(attempts[1]).toMatchObject({ startedAt: at(5), endedAt: at(7) });
    expect(attempts[2]?.steps[0]?.message).toBe('Upgraded to revision 2.');
    const starts = attempts.map((a) => a.startedAt ?? '');
    expect([...starts].sort()).toEqual(starts);
  });

  it('keeps the readiness steps of an upgrade and a rollback in that attempt, not a Retry', () => {
    const attempts = buildAttempts(
      [
        ev('validate', 'started', 0),
        ev('ready', 'succeeded', 1),
        ev('upgrade', 'started', 2),
        ev('upgrade', 'succeeded', 3),
        ev('wait-wordpress', 'started', 3),
        ev('wait-wordpress', 'succeeded', 4),
        ev('verify', 'succeeded', 5),
        ev('rollback', 'started', 6),
        ev('rollback', 'succeeded', 7),
        ev('wait-mariadb', 'started', 7),
        ev('wait-mariadb', 'succeeded', 8),
      ],
      'Ready',
    );
    expect(attempts.map((a) => a.label)).toEqual(['Create', 'Upgrade', 'Roll back']);
    expect(attempts[1]?.steps.map((s) => s.step)).toEqual(['upgrade', 'wait-wordpress', 'verify']);
  });

  it('shows a namespace found missing as such, not as a failed delete nobody started', () => {
    const attempts = buildAttempts(
      [
        ev('validate', 'started', 0),
        ev('validate', 'succeeded', 0),
        ev('ready', 'succeeded', 1),
        ev('check-leftovers', 'failed', 5, 'The namespace is no longer in the cluster.'),
      ],
      'Missing',
    );
    expect(attempts.map((a) => [a.label, a.outcome])).toEqual([
      ['Create', 'succeeded'],
      ['Found missing from the cluster', 'failed'],
    ]);
  });

  it('keeps events in id order even when they arrive out of order', () => {
    const a = ev('upgrade', 'started', 1);
    const b = ev('upgrade', 'failed', 2, 'Helm said no.');
    const c = ev('rollback', 'started', 3);
    const attempts = buildAttempts([c, b, a], 'Updating');
    expect(attempts.map((x) => [x.kind, x.outcome])).toEqual([
      ['upgrade', 'failed'],
      ['rollback', 'running'],
    ]);
  });

  it('keeps a step resumed after a restart in the same attempt', () => {
    const attempts = buildAttempts(
      [ev('helm', 'started', 0), ev('helm', 'started', 3), ev('helm', 'succeeded', 4)],
      'Provisioning',
    );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.steps.map((s) => s.step).slice(0, 2)).toEqual(['helm', 'wait-mariadb']);
  });

  it('marks a cancelled set-up as cancelled, not failed', () => {
    const attempts = buildAttempts(
      [ev('helm', 'started', 0), ev('helm', 'failed', 1, 'Cancelled by user')],
      'Failed',
    );
    expect(attempts[0]?.outcome).toBe('cancelled');
  });

  it('shows the pending set-up steps only in the running attempt', () => {
    const attempts = buildAttempts(
      [ev('helm', 'started', 0), ev('helm', 'failed', 1, 'boom'), ev('helm', 'started', 2)],
      'Provisioning',
    );
    expect(attempts[0]?.steps.map((s) => s.state)).toEqual(['failed']);
    expect(attempts[1]?.steps.at(-1)).toMatchObject({ step: 'ready', state: 'pending' });
    expect(buildAttempts([], 'Queued')[0]?.steps).toHaveLength(8);
    expect(buildAttempts([], 'Ready')).toEqual([]);
  });

  it("lists a Medusa store's own set-up steps, its image step first after validate", () => {
    expect(buildAttempts([], 'Queued', 'medusa')[0]?.steps.map((s) => s.step)).toEqual([
      'validate',
      'image',
      'namespace',
      'helm',
      'wait-postgres',
      'wait-medusa',
      'setup',
      'verify',
      'ready',
    ]);
    expect(buildTimeline([], 'Provisioning', 'medusa').map((r) => r.step)).toContain(
      'wait-postgres',
    );
    const attempts = buildAttempts(
      [ev('validate', 'succeeded', 0), ev('image', 'started', 1)],
      'Provisioning',
      'medusa',
    );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.steps.map((s) => [s.step, s.state]).slice(0, 3)).toEqual([
      ['validate', 'succeeded'],
      ['image', 'running'],
      ['namespace', 'pending'],
    ]);
  });

  it("keeps a Medusa upgrade's image step and readiness in that upgrade, not a Retry", () => {
    const attempts = buildAttempts(
      [
        ev('validate', 'succeeded', 0),
        ev('image', 'succeeded', 1),
        ev('setup', 'succeeded', 2),
        ev('ready', 'succeeded', 3),
        ev('image', 'started', 10),
        ev('image', 'succeeded', 11),
        ev('upgrade', 'started', 11),
        ev('upgrade', 'succeeded', 12),
        ev('wait-medusa', 'started', 12),
        ev('wait-medusa', 'succeeded', 13),
        ev('verify', 'succeeded', 14),
      ],
      'Ready',
      'medusa',
    );
    expect(attempts.map((a) => [a.label, a.outcome])).toEqual([
      ['Create', 'succeeded'],
      ['Upgrade', 'succeeded'],
    ]);
    expect(attempts[1]?.steps.map((s) => s.step)).toEqual([
      'image',
      'upgrade',
      'wait-medusa',
      'verify',
    ]);
  });
});
