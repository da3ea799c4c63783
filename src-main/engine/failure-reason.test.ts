import { describe, expect, it } from 'vitest';
import { ToolError } from '../tools/tool-error';
import {
  DETAILS_MAX_CHARS,
  capDetails,
  failureReason,
  oneSentence,
  summarizeFailure,
} from './failure-reason';

class JobFailedStandIn extends Error {
  constructor(readonly logTail: string[]) {
    super('Job shop-bootstrap failed');
  }
}

// What Helm printed when a rollback met the bootstrap Job of another revision (shortened: the
// real one went on for 11,187 characters of Go structs).
const IMMUTABLE =
  'Error: UPGRADE FAILED: cannot patch "shop-bootstrap" with kind Job: Job.batch "shop-bootstrap" is invalid: ' +
  'spec.template: Invalid value: core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Name:"", GenerateName:"", ' +
  `Labels:map[string]string{${'"x":"y", '.repeat(800)}}}}: field is immutable`;

describe('summarizeFailure', () => {
  it('keeps the last 50 lines of a failed Job log behind the sentence', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i}`);
    const { reason, details } = summarizeFailure(new JobFailedStandIn(lines));
    expect(reason).toBe('Job shop-bootstrap failed.');
    expect(details).toMatch(/^Last 50 log lines:\nline 10\n/);
    expect(details).toMatch(/line 59$/);
    expect(details).not.toMatch(/line 9\n/);
    expect(failureReason(new JobFailedStandIn(lines))).toMatch(
      /^Job shop-bootstrap failed\.\nLast 50 log lines:\nline 10\n/,
    );
  });

  it('says when a Job left no log', () => {
    expect(summarizeFailure(new JobFailedStandIn([]))).toEqual({
      reason: 'Job shop-bootstrap failed (the Job left no log output)',
      details: null,
    });
  });

  it('keeps a tool error readable: its message as the sentence, its output behind it', () => {
    const error = new ToolError({
      code: 'failed',
      message: 'helm exited with code 1.',
      command: 'helm',
      stderrTail: 'Error: boom',
    });
    expect(summarizeFailure(error)).toEqual({
      reason: 'Helm exited with code 1.',
      details: 'helm exited with code 1.\nError: boom',
    });
  });

  it('says an immutable-Job refusal in one sentence, with Helm’s whole dump as details', () => {
    const error = new ToolError({
      code: 'failed',
      message: IMMUTABLE,
      command: 'helm rollback',
      stderrTail: IMMUTABLE,
    });
    const { reason, details } = summarizeFailure(error);
    expect(reason).toBe(
      'Helm could not change the Job shop-bootstrap, because Kubernetes does not allow its template to change once it exists.',
    );
    expect(details).toBe(IMMUTABLE);
    expect(capDetails(details)?.length).toBeLessThanOrEqual(DETAILS_MAX_CHARS);
  });
});

describe('oneSentence', () => {
  it('drops Helm’s prefix and Go object dumps, and ends with a full stop', () => {
    expect(oneSentence('Error: INSTALLATION FAILED: bad thing happened')).toBe(
      'Bad thing happened.',
    );
    expect(oneSentence('object rejected by the server: spec{a:b}')).toBe(
      'Object rejected by the server: spec.',
    );
    expect(oneSentence('first line\nsecond line')).toBe('First line.');
  });

  it('cuts a long first line at a word', () => {
    const long = `${'word '.repeat(100)}end`;
    const s = oneSentence(long);
    expect(s.length).toBeLessThanOrEqual(201);
    expect(s.endsWith('word…')).toBe(true);
  });
});

describe('capDetails', () => {
  it('keeps the end of a long output (where the error is) and says how much was left out', () => {
    const text = `${'a'.repeat(10_000)}THE ERROR`;
    const capped = capDetails(text) ?? '';
    expect(capped.length).toBe(DETAILS_MAX_CHARS);
    expect(capped).toMatch(/^\[\d+ earlier characters left out\]\n/);
    expect(capped.endsWith('THE ERROR')).toBe(true);
    expect(capDetails('short')).toBe('short');
    expect(capDetails(null)).toBeNull();
  });
});
