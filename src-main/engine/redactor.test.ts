import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from './redactor';

describe('Redactor', () => {
  it('replaces every known secret of the store, longest first', () => {
    const r = new Redactor();
    r.remember('s1', ['hunter2secret', 'hunter2secretLonger']);
    expect(r.redact('s1', 'a hunter2secretLonger and hunter2secret')).toBe(
      `a ${REDACTED} and ${REDACTED}`,
    );
  });

  it('leaves other stores and short values alone', () => {
    const r = new Redactor();
    r.remember('s1', ['abc', 'topsecretvalue']);
    expect(r.redact('s2', 'topsecretvalue abc')).toBe('topsecretvalue abc');
    expect(r.redact('s1', 'abc')).toBe('abc');
    expect(r.redactAll('x topsecretvalue')).toBe(`x ${REDACTED}`);
  });

  it('forgets a deleted store', () => {
    const r = new Redactor();
    r.remember('s1', ['topsecretvalue']);
    r.forget('s1');
    expect(r.redact('s1', 'topsecretvalue')).toBe('topsecretvalue');
  });
});
