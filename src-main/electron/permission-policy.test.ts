import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './permission-policy';

const page = pathToFileURL('/opt/storefleet/out/renderer/index.html').href;

describe('isPermissionAllowed', () => {
  it('lets the app page write text to the clipboard', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', page, page)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', `${page}#store`, page)).toBe(true);
  });

  it('denies every other permission, clipboard reads included', () => {
    for (const p of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal']) {
      expect(isPermissionAllowed(p, page, page)).toBe(false);
    }
  });

  it('denies the clipboard to any page that is not the app', () => {
    const other = pathToFileURL('/tmp/evil.html').href;
    expect(isPermissionAllowed('clipboard-sanitized-write', other, page)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/', page)).toBe(
      false,
    );
    expect(isPermissionAllowed('clipboard-sanitized-write', '', page)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, page)).toBe(false);
  });
});
