// The login key as a store secret: generated with the passwords, kept across upgrades, added to
// older stores, handed to the chart, and the driver's one-click login URL signed with it.
import { describe, expect, it } from 'vitest';
import { LOGIN_QUERY_PARAM, readAdminLoginToken } from './admin-login-token';
import { woocommerceDriver } from './driver';
import { LOGIN_KEY_SECRET_KEY, adminLoginFromSecretData } from './secrets';

const store = { id: 'st-1', name: 'shop1', namespace: 'store-shop1' };
const host = 'shop1.localhost';

function secretData(secrets: Record<string, string>): Record<string, string> {
  return {
    'mariadb-root-password': secrets['mariadbRootPassword'] ?? '',
    'mariadb-password': secrets['mariadbPassword'] ?? '',
    'wordpress-admin-password': secrets['wordpressAdminPassword'] ?? '',
    'wordpress-admin-user': 'admin',
  };
}

describe('the login key among a store’s secrets', () => {
  it('keeps the key of a store that has one', () => {
    const secrets = woocommerceDriver.generateSecrets();
    const data = { ...secretData(secrets), [LOGIN_KEY_SECRET_KEY]: secrets['loginKey'] ?? '' };
    expect(woocommerceDriver.secretsFromSecretData(data)['loginKey']).toBe(secrets['loginKey']);
  });

  it('gives a store from before one-click login a fresh key, keeping its passwords', () => {
    const secrets = woocommerceDriver.generateSecrets();
    const read = woocommerceDriver.secretsFromSecretData(secretData(secrets));
    expect(read['loginKey']).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(read['loginKey']).not.toBe(secrets['loginKey']);
    const { loginKey: _fresh, ...passwords } = read;
    const { loginKey: _old, ...expected } = secrets;
    expect(passwords).toEqual(expected);
  });

  it('refuses a key in the Secret that this app did not make, naming the key but not the value', () => {
    const data = {
      ...secretData(woocommerceDriver.generateSecrets()),
      [LOGIN_KEY_SECRET_KEY]: 'x',
    };
    expect(() => woocommerceDriver.secretsFromSecretData(data)).toThrow(/Secret key login-key/);
    const short = 'A'.repeat(30);
    const read = () =>
      woocommerceDriver.secretsFromSecretData({ ...data, [LOGIN_KEY_SECRET_KEY]: short });
    expect(read).toThrow(/too short for a login key/);
    expect(read).not.toThrow(short);
  });

  it('hands the key to the chart when there is one, and nothing when there is none', () => {
    const secrets = woocommerceDriver.generateSecrets();
    const values = woocommerceDriver.buildValues({ store, host, secrets });
    expect((values['secrets'] as Record<string, string>)['loginKey']).toBe(secrets['loginKey']);
    const { loginKey: _dropped, ...passwords } = secrets;
    const older = woocommerceDriver.buildValues({ store, host, secrets: passwords });
    expect(Object.keys(older['secrets'] as object).sort()).toEqual([
      'mariadbPassword',
      'mariadbRootPassword',
      'wordpressAdminPassword',
    ]);
  });
});

describe('the one-click admin login URL', () => {
  const secrets = woocommerceDriver.generateSecrets();
  const key = secrets['loginKey'] ?? '';
  const data = { ...secretData(secrets), [LOGIN_KEY_SECRET_KEY]: key };

  it('opens the store’s home page with a token for its admin, signed with its key', () => {
    const login = woocommerceDriver.adminLoginUrl?.('http://shop1.localhost:8080', data);
    expect(login).not.toBeNull();
    const url = new URL(login?.url ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('http://shop1.localhost:8080/');
    expect(url.searchParams.get(LOGIN_QUERY_PARAM)).toBe(login?.token);
    expect(readAdminLoginToken(login?.token ?? '', key)?.user).toBe('admin');
    // No password or key in the URL.
    expect(login?.url).not.toContain(key);
    expect(login?.url).not.toContain(secrets['wordpressAdminPassword']);
  });

  it('is new each time', () => {
    const a = adminLoginFromSecretData(data, 'http://shop1.localhost');
    const b = adminLoginFromSecretData(data, 'http://shop1.localhost');
    expect(a?.token).not.toBe(b?.token);
  });

  it('is null for a store whose Secret has no login key', () => {
    expect(adminLoginFromSecretData(secretData(secrets), 'http://shop1.localhost')).toBeNull();
  });
});
