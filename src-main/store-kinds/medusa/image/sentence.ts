/** The longest sentence the image step puts in an error (the engine shows it as the reason). */
export const SENTENCE_MAX = 200;

/** `head` followed by as much of `detail` as fits in SENTENCE_MAX, ending with a full stop. */
export function sentenceWith(head: string, detail: string): string {
  const room = SENTENCE_MAX - head.length - 1;
  let text = detail
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '');
  if (text.length > room) text = `${text.slice(0, Math.max(0, room - 1)).trimEnd()}…`;
  return `${head}${text}${text.endsWith('…') ? '' : '.'}`;
}
