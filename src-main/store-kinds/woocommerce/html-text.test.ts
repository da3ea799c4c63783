import { describe, expect, it } from 'vitest';
import { plainText } from './html-text';

describe('plainText', () => {
  it('decodes the entities WordPress puts in error messages', () => {
    expect(plainText('No product with the ID &quot;7&quot; was found.')).toBe(
      'No product with the ID "7" was found.',
    );
    expect(plainText('The method isn&#039;t available &amp; won&#8217;t be')).toBe(
      "The method isn't available & won’t be",
    );
    expect(plainText('&#x41;&lt;b&gt;')).toBe('A<b>');
  });

  it('drops tags and collapses whitespace', () => {
    expect(plainText('<p>Sorry,\n  <strong>no</strong></p>')).toBe('Sorry, no');
  });

  it('leaves unknown or invalid entities alone', () => {
    expect(plainText('&bogus; &#99999999;')).toBe('&bogus; &#99999999;');
  });

  it('bounds the length', () => {
    expect(plainText('x'.repeat(1000))).toHaveLength(300);
  });
});
