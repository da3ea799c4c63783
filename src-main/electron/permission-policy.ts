import { isTrustedSender } from './sender-check';

/**
 * The one permission the app grants: writing text to the clipboard, for the copy button next to
 * revealed credentials, and only to the app's own page. Everything else (camera, notifications
 * from the page, clipboard reads, geolocation, …) is denied without a prompt.
 */
export const GRANTED_PERMISSION = 'clipboard-sanitized-write';

export function isPermissionAllowed(
  permission: string,
  pageUrl: string | null | undefined,
  expectedUrl: string,
): boolean {
  return permission === GRANTED_PERMISSION && isTrustedSender(pageUrl, expectedUrl);
}
