import { describe, expect, it } from 'vitest';
import { printableUrl } from './run-serve';

describe('printableUrl (the serve host’s open-external line)', () => {
  it('blanks a one-click login token and keeps the rest', () => {
    expect(printableUrl('http://shop.localhost/?storefleet-login=abc.def')).toBe(
      'http://shop.localhost/?storefleet-login=redacted',
    );
  });

  it('prints a URL without a query as it is', () => {
    expect(printableUrl('http://shop.localhost:8080/')).toBe('http://shop.localhost:8080/');
  });

  it('never echoes text that is not a URL', () => {
    expect(printableUrl('not a url secret')).not.toContain('secret');
  });
});
