// WordPress escapes error messages for HTML (esc_html), so "&quot;" and "&#8217;" reach JSON
// clients verbatim; users should read the plain characters. The decoding is the `entities`
// package's (every HTML named reference, numeric ones with the HTML spec's rules).
import { decodeHTMLStrict } from 'entities/decode';

const MAX_MESSAGE = 300;

// One character reference, always ended by ";" as esc_html writes them.
const REFERENCE = /&(?:#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi;

/**
 * Decodes each reference on its own, so one that is unknown stays as written, and so does one
 * the HTML spec would turn into U+FFFD (a code point out of range, zero, a surrogate): a
 * replacement character tells the reader less than the text WordPress sent (so even &#xFFFD;
 * itself stays as written, which costs nothing in an error message).
 */
function decodeEntities(text: string): string {
  return text.replace(REFERENCE, (ref) => {
    const decoded = decodeHTMLStrict(ref);
    return decoded === '\uFFFD' ? ref : decoded;
  });
}

/** Server-provided text made fit for a one-line error: no tags, no entities, bounded length. */
export function plainText(html: string, maxLength = MAX_MESSAGE): string {
  const text = decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
