// System error codes (errno) that a library may leak into a message, each as the sentence a
// person needs instead. Main uses it when it summarises a failure; the renderer uses it as a
// last guard before anything is shown. Import-free, so both sides can read it.

export const SYSTEM_ERROR_SENTENCES: Readonly<Record<string, string>> = {
  ECONNREFUSED:
    'The connection was refused: nothing answers at that address. Check that the cluster is running.',
  ECONNRESET: 'The connection was closed unexpectedly. Try again.',
  ETIMEDOUT: 'The connection timed out. Check that the cluster is running and reachable.',
  ESOCKETTIMEDOUT: 'The connection timed out. Check that the cluster is running and reachable.',
  EHOSTUNREACH: 'The cluster’s host cannot be reached from this computer.',
  ENETUNREACH: 'The network the cluster is on cannot be reached from this computer.',
  ENOTFOUND: 'The cluster’s host name could not be found. Check the address in your kubeconfig.',
  EAI_AGAIN: 'The cluster’s host name could not be looked up right now. Check your network.',
  EPIPE: 'The connection was closed unexpectedly. Try again.',
  EACCES: 'Storefleet was not allowed to open a file or port it needs.',
  EPERM: 'Storefleet was not allowed to do that by the operating system.',
  ENOENT: 'A file or program Storefleet needs was not found.',
  ENOSPC: 'The disk is full.',
  EADDRINUSE: 'A port Storefleet needs is already in use by another program.',
  EMFILE: 'Too many files are open. Close some programs and try again.',
};

const ERRNO = /\b(E[A-Z][A-Z_]{2,})\b/g;

/** The sentence for the first known system error code in `text`, or null when it has none. */
export function systemErrorSentence(text: string): string | null {
  for (const match of text.matchAll(ERRNO)) {
    const sentence = SYSTEM_ERROR_SENTENCES[match[1] ?? ''];
    if (sentence) return sentence;
  }
  return null;
}

/** "TypeError: fetch failed" → "fetch failed": a JavaScript error class name means nothing to a person. */
export function withoutErrorClass(text: string): string {
  return text.replace(/^\s*(?:[A-Z][A-Za-z]*)?Error:\s*/, '');
}
