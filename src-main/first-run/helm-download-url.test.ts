import { describe, expect, it } from 'vitest';
import { helmDownloadUrlSeam } from './helm-download-url';

const seam = (value: string | undefined) => {
  const logs: string[] = [];
  const url = helmDownloadUrlSeam({ STOREFLEET_HELM_DOWNLOAD_URL: value }, (l) => logs.push(l));
  return { url, logs };
};

describe('the Helm download URL test seam', () => {
  it('is get.helm.sh (undefined) when unset or empty', () => {
    expect(seam(undefined)).toEqual({ url: undefined, logs: [] });
    expect(seam('  ')).toEqual({ url: undefined, logs: [] });
  });

  it('takes a server on this computer, without a trailing slash', () => {
    expect(seam('http://127.0.0.1:41234/').url).toBe('http://127.0.0.1:41234');
    expect(seam('http://localhost:8000/helm').url).toBe('http://localhost:8000/helm');
    expect(seam('http://[::1]:9000').url).toBe('http://[::1]:9000');
  });

  it('ignores any other host, scheme or text, and says so', () => {
    for (const value of [
      'https://mirror.example.com',
      'http://10.0.0.5:8080',
      'file:///tmp/helm',
      'http://127.0.0.1.example.com',
      'not a url',
    ]) {
      const { url, logs } = seam(value);
      expect(url, value).toBeUndefined();
      expect(logs, value).toHaveLength(1);
      expect(logs[0]).toContain('get.helm.sh');
    }
  });
});
