import { describe, expect, it } from 'vitest';
import { Redactor } from '../engine/redactor';
import { LineSplitter, MAX_LINE_CHARS, cleanLogLine } from './log-text';

describe('cleanLogLine', () => {
  const redactor = new Redactor();
  const secret = 'Xy7pQ2rS9tU4vW1zA8bC3dE6';
  redactor.remember('s-shop', [secret]);
  const redact = (text: string): string => redactor.redact('s-shop', text);

  it('splits the API timestamp off and blanks the store’s secret', () => {
    const line = cleanLogLine(
      `2026-11-29T15:04:05.123456789Z mysqld: user wordpress password ${secret} accepted`,
      redact,
    );
    expect(line).toEqual({
      at: '2026-11-29T15:04:05.123456789Z',
      text: 'mysqld: user wordpress password [redacted] accepted',
    });
  });

  it('strips colour codes and keeps a line without a timestamp', () => {
    expect(cleanLogLine('\u001b[32mready\u001b[0m\r', redact)).toEqual({ at: null, text: 'ready' });
  });

  it('redacts before it cuts a long line, so no half secret survives at the cut', () => {
    const raw = `${'a'.repeat(MAX_LINE_CHARS - 5)}${secret}`;
    const { text } = cleanLogLine(raw, redact);
    expect(text).not.toContain(secret.slice(0, 5));
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('LineSplitter', () => {
  it('joins a line that arrives in pieces and flushes the rest at the end', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    splitter.push('first li');
    splitter.push('ne\nsecond\nthi');
    expect(lines).toEqual(['first line', 'second']);
    splitter.end();
    expect(lines).toEqual(['first line', 'second', 'thi']);
  });

  it('lets go of an endless line instead of growing', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    splitter.push('x'.repeat(MAX_LINE_CHARS * 5));
    expect(lines).toHaveLength(1);
  });
});
