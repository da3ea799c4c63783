import { describe, expect, it } from 'vitest';
import { SENTENCE_MAX, sentenceWith } from './sentence';

describe('sentenceWith', () => {
  it('ends a short detail with one full stop', () => {
    expect(sentenceWith('Docker could not build the image: ', 'exit code: 1.')).toBe(
      'Docker could not build the image: exit code: 1.',
    );
  });

  it('puts a multi-line detail on one line and cuts it to the maximum length', () => {
    const text = sentenceWith('Head: ', `first line\n${'word '.repeat(100)}`);
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThanOrEqual(SENTENCE_MAX);
    expect(text.startsWith('Head: first line word')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });
});
