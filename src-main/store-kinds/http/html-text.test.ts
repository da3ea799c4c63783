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

  it('decodes any HTML named reference and numeric ones the way browsers do', () => {
    expect(plainText('&eacute;t&eacute; &euro;5 &copy; &hearts; &nbsp;x')).toBe('été €5 © ♥ x');
    // &#150; is windows-1252's en dash in HTML, not the C1 control character.
    expect(plainText('1&#150;2')).toBe('1–2');
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
