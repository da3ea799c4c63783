// The one-click admin login plugin on a real WordPress (Debian's WordPress core, MariaDB and
// PHP's web server): a token from the app's signer signs the admin in once; an expired,
// replayed, forged or malformed one gets the normal login page and nothing else.
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOGIN_QUERY_PARAM,
  adminLoginUrl,
  signAdminLoginToken,
} from '../../../src-main/store-kinds/woocommerce/admin-login-token';
import { CHART_DIR } from './render';
import {
  realWordpressMissing,
  startRealWordpress,
  type RealWordpress,
} from './admin-login-wordpress';

const PLUGIN = join(CHART_DIR, 'files', 'storefleet-admin-login.php');
const KEY = randomBytes(48).toString('base64url');
const missing = await realWordpressMissing();

interface Answer {
  status: number;
  location: string | null;
  cookies: string[];
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

describe.skipIf(missing !== null)(
  `admin login plugin on a real WordPress${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let wp: RealWordpress;

    beforeAll(async () => {
      wp = await startRealWordpress({ muPlugins: [PLUGIN], env: { STOREFLEET_LOGIN_KEY: KEY } });
    }, 90_000);

    afterAll(async () => {
      await wp?.stop();
    });

    async function get(path: string, cookies: string[] = []): Promise<Answer & { body: string }> {
      const res = await fetch(`${wp.url}${path}`, {
        redirect: 'manual',
        headers: cookies.length ? { cookie: cookies.join('; ') } : {},
      });
      return {
        status: res.status,
        location: res.headers.get('location'),
        cookies: res.headers.getSetCookie().map((c) => c.split(';')[0] ?? ''),
        body: await res.text(),
      };
    }

    function login(token: string): Promise<Answer & { body: string }> {
      return get(`/?${LOGIN_QUERY_PARAM}=${encodeURIComponent(token)}`);
    }

    function loggedIn(answer: Answer): string[] {
      return answer.cookies.filter((c) => c.startsWith('wordpress_logged_in_'));
    }

    /** The normal login page: a redirect to wp-login.php that sets no login cookie. */
    async function expectLoginPage(answer: Answer): Promise<void> {
      expect(answer.status).toBe(302);
      expect(answer.location).toBe(`${wp.url}/wp-login.php`);
      expect(answer.cookies.filter((c) => c.startsWith('wordpress_'))).toEqual([]);
      const page = await get('/wp-login.php');
      expect(page.status).toBe(200);
      expect(page.body).toContain('id="loginform"');
    }

    function sign(o: Partial<Parameters<typeof signAdminLoginToken>[0]> = {}): string {
      return signAdminLoginToken({ key: KEY, user: wp.adminUser, ...o });
    }

    function payloadFor(user: string): object {
      return { v: 1, user, nonce: randomBytes(16).toString('base64url'), exp: now() + 30 };
    }

    /** A token with any payload, signed with the store's key the way the plugin checks. */
    function signRaw(payload: string, key = KEY): string {
      const body = Buffer.from(payload, 'utf8').toString('base64url');
      return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    }

    it('signs the admin in with a token from the app and sends the browser to wp-admin', async () => {
      const url = new URL(adminLoginUrl(wp.url, sign()));
      const answer = await get(`${url.pathname}${url.search}`);
      expect(answer.status).toBe(302);
      expect(answer.location).toBe(`${wp.url}/wp-admin/`);
      const cookies = answer.cookies.filter((c) => c.startsWith('wordpress_'));
      expect(loggedIn(answer)).toHaveLength(1);

      const admin = await get('/wp-admin/', cookies);
      expect(admin.status).toBe(200);
      expect(admin.body).toContain('Dashboard');
      expect(admin.body).not.toContain('id="loginform"');
      // Without the cookies, wp-admin asks for a login: the 200 above is the cookie's doing.
      const anonymous = await get('/wp-admin/');
      expect(anonymous.status).toBe(302);
      expect(anonymous.location).toContain('/wp-login.php');
    });

    it('refuses a replayed token: the second use gets the login page', async () => {
      const token = sign();
      const first = await login(token);
      expect(loggedIn(first)).toHaveLength(1);
      await expectLoginPage(await login(token));
    });

    it('lets only one of two racing requests with the same token in', async () => {
      const token = sign();
      const answers = await Promise.all([login(token), login(token)]);
      expect(answers.map((a) => loggedIn(a).length).sort()).toEqual([0, 1]);
    });

    it('refuses an expired token', async () => {
      await expectLoginPage(await login(sign({ nowSeconds: now() - 31, ttlSeconds: 30 })));
    });

    it('refuses a token whose expiry is more than 60 seconds away', async () => {
      await expectLoginPage(await login(sign({ nowSeconds: now() + 40, ttlSeconds: 30 })));
    });

    it('refuses forged tokens: another key, a changed payload, an unknown user', async () => {
      await expectLoginPage(await login(signAdminLoginToken({ key: `${KEY}x`, user: 'admin' })));
      const [, signature] = sign().split('.');
      const payload = Buffer.from(
        JSON.stringify({ v: 1, user: 'admin', nonce: 'A'.repeat(22), exp: now() + 30 }),
      ).toString('base64url');
      await expectLoginPage(await login(`${payload}.${signature}`));
      await expectLoginPage(await login(sign({ user: 'nobody' })));
    });

    it.each([
      ['empty', ''],
      ['one part', 'abc'],
      ['three parts', 'a.b.c'],
      ['not base64url', '%%%.%%%'],
      ['a signed payload that is not JSON', 'not json'],
      ['a signed payload without a nonce', '{"v":1,"user":"admin","exp":0}'],
      [
        'a signed payload with a string expiry',
        '{"v":1,"user":"admin","nonce":"AAAAAAAAAAAAAAAAAAAAAA","exp":"9999999999"}',
      ],
    ])('refuses a malformed token (%s)', async (_name, token) => {
      const raw = token.startsWith('{') || token === 'not json' ? signRaw(token) : token;
      await expectLoginPage(await login(raw));
    });

    it('refuses the parameter given as an array', async () => {
      await expectLoginPage(await get(`/?${LOGIN_QUERY_PARAM}[]=${sign()}`));
    });

    it('signs nobody in where WordPress has no login key (a store from before it)', async () => {
      const keyless = await wp.serveWith({});
      for (const token of [sign(), signRaw(JSON.stringify(payloadFor('admin')), '')]) {
        const res = await fetch(`${keyless}/?${LOGIN_QUERY_PARAM}=${token}`, {
          redirect: 'manual',
        });
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(`${wp.url}/wp-login.php`);
        expect(res.headers.getSetCookie()).toEqual([]);
      }
      // The same token still works where the key is: the keyless server did not spend it.
      const token = sign();
      await fetch(`${keyless}/?${LOGIN_QUERY_PARAM}=${token}`, { redirect: 'manual' });
      expect(loggedIn(await login(token))).toHaveLength(1);
    });

    it('leaves requests without the parameter alone', async () => {
      const home = await get('/');
      expect(home.location ?? '').not.toContain('wp-login.php');
    });

    it('logged no PHP warning or notice from the plugin', async () => {
      const log = await wp.errorLog();
      expect(log.split('\n').filter((line) => line.includes('storefleet-admin-login.php'))).toEqual(
        [],
      );
    });
  },
);
