// Api methods reject with IpcError (code, message, details); only the sentence is shown, never
// a stack. Anything else is reduced to its message so a user never sees "[object Object]".
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return withLogPlace(error.message);
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong. Try again.';
}

export function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : null;
  }
  return null;
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
