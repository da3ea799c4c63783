// A Medusa store's admin API and dashboard reached the way a person's browser reaches them: the
// store's public URL (http://<store>.localhost through k3d's load balancer and Traefik), with the
// app's own ingress transport (it sends *.localhost to loopback as browsers do).
import { ingressTransport } from '../../src-main/store-kinds/http/ingress-transport';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** the body parsed as JSON; an object with `text` when it is not JSON */
  json: Record<string, unknown>;
}

export interface StoreHttp {
  call(
    method: 'GET' | 'POST',
    path: string,
    o?: { token?: string; cookie?: string; body?: unknown },
  ): Promise<Answer>;
}

export function storeHttp(url: string, timeoutMs = 60_000): StoreHttp {
  const transport = ingressTransport(url, { timeoutMs });
  return {
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { accept: 'application/json, text/html' };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.cookie) headers.cookie = o.cookie;
      let body: string | undefined;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] = 'application/json';
      }
      const res = await transport({ method, path, headers, body });
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(res.body) as Record<string, unknown>;
      } catch {
        json = { text: res.body.slice(0, 500) };
      }
      return { status: res.status, headers: res.headers, text: res.body, json };
    },
  };
}

/** Medusa's admin sign-in (emailpass): the bearer token; throws with the status, never the password. */
export async function adminToken(
  http: StoreHttp,
  login: { username: string; password: string },
): Promise<string> {
  const answer = await http.call('POST', '/auth/user/emailpass', {
    body: { email: login.username, password: login.password },
  });
  const token = answer.json.token;
  if (answer.status !== 200 || typeof token !== 'string') {
    throw new Error(`the admin sign-in as ${login.username} answered ${answer.status}`);
  }
  return token;
}

/** GET that must answer 200 with a JSON object. */
export async function getOk(
  http: StoreHttp,
  path: string,
  token: string,
): Promise<Record<string, unknown>> {
  const answer = await http.call('GET', path, { token });
  if (answer.status !== 200) {
    throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  }
  return answer.json;
}
