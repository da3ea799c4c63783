import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../src-shared/ipc/ipc-error';
import { errorMessage, toUserSentence } from './error-message';

// The last guard before the screen: whatever main sends, no errno code, stack frame or field
// identifier reaches a person.
const ERRNO = /\bE[A-Z]{3,}\b/;
const STACK = /^\s*at\s.+:\d+/m;
const CAMEL = /\b[a-z]+[A-Z][A-Za-z]*\b/;

describe('errorMessage', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:6443', /refused.*cluster is running/],
    ['getaddrinfo ENOTFOUND k3d-dev.example', /host name could not be found/],
    ['read ETIMEDOUT', /timed out/],
    ['socket hang up (ECONNRESET)', /closed unexpectedly/],
  ])('turns the raw system error %j into a sentence', (raw, meaning) => {
    const shown = errorMessage(new Error(raw));
    expect(shown).toMatch(meaning);
    expect(shown).not.toMatch(ERRNO);
    expect(shown).toMatch(/\.$/);
  });

  it('drops stack frames', () => {
    const shown = errorMessage(
      new IpcError(
        'internal',
        'The release could not be read.\n    at readRelease (/app/out/main/index.js:1203:17)\n    at async Promise.all (index 0)',
      ),
    );
    expect(shown).toBe('The release could not be read.');
    expect(shown).not.toMatch(STACK);
  });

  it('names a field the way the form does instead of by its identifier', () => {
    const shown = errorMessage(new Error('"woocommerceVersion" has an invalid value'));
    expect(shown).toBe('WooCommerce version has an invalid value');
    expect(shown).not.toMatch(CAMEL);
    expect(toUserSentence('memoryLimit 8Gi is above the cluster’s maximum.')).toBe(
      'Memory limit 8Gi is above the cluster’s maximum.',
    );
  });

  it('leaves a sentence that needs no help as it is', () => {
    const sentence = 'A store named shop already exists in this cluster.';
    expect(errorMessage(new Error(sentence))).toBe(sentence);
    expect(errorMessage({ nothing: true })).toBe('Something went wrong. Try again.');
    expect(errorMessage(new Error('shop-1 is still being deleted.'))).toBe(
      'shop-1 is still being deleted.',
    );
  });
});
