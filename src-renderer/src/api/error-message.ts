// Api methods reject with IpcError (code, message, details); only the sentence is shown, never
// a stack. Anything else is reduced to its message so a user never sees "[object Object]".
// Main writes its messages for people; `toUserSentence` is the last guard for anything that
// slipped through (a raw errno code, a stack frame, a field's identifier).
import { systemErrorSentence, withoutErrorClass } from '../../../src-shared/ipc/system-errors';

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return toUserSentence(withLogPlace(error.message));
  if (typeof error === 'string' && error) return toUserSentence(error);
  return GENERIC;
}

export function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

const GENERIC = 'Something went wrong. Try again.';

const STACK_FRAME = /^\s+at\s+\S/;

/** Identifiers of input fields, as the words a form shows for them. */
const FIELD_WORDS: Record<string, string> = {
  woocommerceVersion: 'WooCommerce version',
  wordpressImageTag: 'WordPress image tag',
  memoryLimit: 'memory limit',
  storeId: 'store',
  maxConcurrentProvisions: 'stores set up at once',
  maxStoresPerContext: 'stores per cluster',
  maxCreatesPerMinute: 'stores created per minute',
  helmPath: 'Helm location',
  selectedContext: 'selected cluster',
  adminUrl: 'admin address',
};
const QUOTED_FIELD = /["'`]([a-z]+[A-Z][A-Za-z]*)["'`]/g;
const BARE_FIELD = /\b([a-z]+[A-Z][A-Za-z]*)\b/g;

/**
 * The message as a sentence for a person: stack frames dropped, errno codes replaced by what
 * they mean, known field identifiers named as the form names them.
 */
export function toUserSentence(message: string): string {
  const lines = message.split('\n').filter((line) => !STACK_FRAME.test(line));
  const joined = lines.join('\n').trim();
  const known = systemErrorSentence(joined);
  if (known) return known;
  const text = withoutErrorClass(joined)
    .replace(QUOTED_FIELD, (whole, id: string) => FIELD_WORDS[id] ?? whole)
    .replace(BARE_FIELD, (whole, id: string) => FIELD_WORDS[id] ?? whole);
  if (!text) return GENERIC;
  // Only what this guard rewrote gets a capital: a message may start with a store's name.
  return text === joined ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

const LOG_SENTENCE = 'Details are in the app log.';
const LOG_PLACES = {
  electron:
    'Details are in the app log: Storefleet’s standard error, shown in the terminal that started it.',
  websocket:
    'Details are in the app log: the output of `npm run serve`, in the terminal that runs it.',
} as const;
let logPlace: string = LOG_SENTENCE;

/** Where main writes its log depends on the host this page talks to. */
export function setAppLogPlace(transport: keyof typeof LOG_PLACES): void {
  logPlace = LOG_PLACES[transport];
}

function withLogPlace(message: string): string {
  return message.endsWith(LOG_SENTENCE)
    ? `${message.slice(0, -LOG_SENTENCE.length)}${logPlace}`
    : message;
}
