import { describe, expect, it } from 'vitest';
import { isTrustedSender, rendererUrl } from './sender-check';

const FILE = rendererUrl({ rendererFile: '/opt/Storefleet/resources/app/out/renderer/index.html' });
const DEV = rendererUrl({ rendererFile: '/unused', devServerUrl: 'http://localhost:5173' });

describe('isTrustedSender', () => {
  it('accepts the built renderer file, with or without query and fragment', () => {
    expect(FILE).toBe('file:///opt/Storefleet/resources/app/out/renderer/index.html');
    expect(isTrustedSender(FILE, FILE)).toBe(true);
    expect(isTrustedSender(`${FILE}#/stores/1`, FILE)).toBe(true);
  });

  it.each([
    ['another local file', 'file:///tmp/evil/index.html'],
    [
      'a path that climbs out and back',
      'file:///opt/Storefleet/resources/app/out/renderer/../../../../../tmp/index.html',
    ],
    ['a UNC-style host', 'file://evil-host/opt/Storefleet/resources/app/out/renderer/index.html'],
    ['a web page', 'https://evil.example/index.html'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['about:blank', 'about:blank'],
    ['no URL at all', undefined],
    ['garbage', 'not a url'],
  ])('refuses %s for the built app', (_label, url) => {
    expect(isTrustedSender(url, FILE)).toBe(false);
  });

  it('accepts only the dev server origin in development', () => {
    expect(isTrustedSender('http://localhost:5173/', DEV)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/src/main.tsx?x=1', DEV)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', DEV)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', DEV)).toBe(false);
    expect(isTrustedSender(FILE, DEV)).toBe(false);
  });
});
