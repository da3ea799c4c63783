import { fileURLToPath, pathToFileURL } from 'node:url';

/** The URL the app's own renderer is loaded from: the dev server in development, else the file. */
export function rendererUrl(o: { rendererFile: string; devServerUrl?: string }): string {
  return o.devServerUrl ? new URL(o.devServerUrl).href : pathToFileURL(o.rendererFile).href;
}

/**
 * True when an IPC message or navigation comes from the app's own page. A file URL must be the
 * very same file; a dev server URL the very same origin. Query strings and fragments are ignored.
 */
export function isTrustedSender(url: string | null | undefined, expected: string): boolean {
  if (!url) return false;
  let actual: URL;
  let wanted: URL;
  try {
    actual = new URL(url);
    wanted = new URL(expected);
  } catch {
    return false;
  }
  if (wanted.protocol === 'file:') {
    if (actual.protocol !== 'file:' || actual.host !== wanted.host) return false;
    return fileURLToPath(actual) === fileURLToPath(wanted);
  }
  if (wanted.protocol !== 'http:' && wanted.protocol !== 'https:') return false;
  return actual.origin === wanted.origin;
}
