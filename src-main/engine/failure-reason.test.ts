import { describe, expect, it } from 'vitest';
import { ToolError } from '../tools/tool-error';
import { failureReason } from './failure-reason';

class JobFailedStandIn extends Error {
  constructor(readonly logTail: string[]) {
    super('Job shop-bootstrap failed');
  }
}

describe('failureReason', () => {
  it('appends the last 50 lines of a failed Job log', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i}`);
    const reason = failureReason(new JobFailedStandIn(lines));
    expect(reason).toMatch(/^Job shop-bootstrap failed\nLast 50 log lines:\nline 10\n/);
    expect(reason).toMatch(/line 59$/);
    expect(reason).not.toMatch(/line 9\n/);
  });

  it('says when a Job left no log', () => {
    expect(failureReason(new JobFailedStandIn([]))).toMatch(/left no log output/);
  });

  it('keeps a tool error readable', () => {
    const error = new ToolError({
      code: 'failed',
      message: 'helm exited with code 1.',
      command: 'helm',
      stderrTail: 'Error: boom',
    });
    expect(failureReason(error)).toBe('helm exited with code 1.\nError: boom');
  });
});
