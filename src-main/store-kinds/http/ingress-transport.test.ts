import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ingressTransport, localhostAwareLookup } from './ingress-transport';
import { StorefrontError } from './storefront-error';

function lookup(hostname: string, all: boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    localhostAwareLookup(hostname, { all }, (error, address, family) => {
      if (error) reject(error);
      else resolve(all ? address : { address, family });
    });
  });
}

const servers: Server[] = [];
const sockets: Socket[] = [];

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
  );
});

describe('localhostAwareLookup', () => {
  it.each(['localhost', 'shop.localhost', 'a.b.LOCALHOST', 'shop.localhost.'])(
    'sends %s to the loopback interface',
    async (name) => {
      await expect(lookup(name, false)).resolves.toEqual({ address: '127.0.0.1', family: 4 });
      await expect(lookup(name, true)).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
    },
  );

  it('leaves other names to the system resolver', async () => {
    await expect(lookup('shop.invalid', false)).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('ingressTransport', () => {
  it('sends method, path, headers and body, and returns lower-case headers', async () => {
    const port = await listen(
      createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          res.setHeader('Cart-Token', 'abc');
          res.end(
            JSON.stringify({ method: req.method, url: req.url, host: req.headers.host, body }),
          );
        });
      }),
    );
    const transport = ingressTransport(`http://shop.localhost:${port}`);
    const res = await transport({
      method: 'POST',
      path: '/x?y=1',
      headers: { A: 'b' },
      body: '{"k":1}',
    });
    expect(res.status).toBe(200);
    expect(res.headers['cart-token']).toBe('abc');
    expect(JSON.parse(res.body)).toEqual({
      method: 'POST',
      url: '/x?y=1',
      host: `shop.localhost:${port}`,
      body: '{"k":1}',
    });
  });

  it('reports a refused connection as stage connect, ECONNREFUSED', async () => {
    const port = await listen(createServer());
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const transport = ingressTransport(`http://gone.localhost:${port}`);
    const p = transport({ method: 'GET', path: '/', headers: {} });
    await expect(p).rejects.toBeInstanceOf(StorefrontError);
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'ECONNREFUSED' });
    await expect(p).rejects.toThrow(`Could not reach the store at http://gone.localhost:${port}`);
  });

  it('reports a name that does not resolve as ENOTFOUND', async () => {
    const transport = ingressTransport('http://shop.invalid');
    const p = transport({ method: 'GET', path: '/', headers: {} });
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'ENOTFOUND' });
    await expect(p).rejects.toThrow(/host name does not resolve/);
  });

  it('gives up after the timeout when the server never answers', async () => {
    const port = await listen(createServer(() => undefined));
    const transport = ingressTransport(`http://slow.localhost:${port}`, { timeoutMs: 200 });
    const started = Date.now();
    const p = transport({ method: 'GET', path: '/', headers: {} });
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects with the abort reason when cancelled mid-request', async () => {
    const port = await listen(createServer(() => undefined));
    const transport = ingressTransport(`http://slow.localhost:${port}`);
    const controller = new AbortController();
    const p = transport({ method: 'GET', path: '/', headers: {}, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by user')), 50);
    await expect(p).rejects.toThrow('cancelled by user');
  });

  it('refuses non-HTTP URLs up front', () => {
    expect(() => ingressTransport('ftp://shop.localhost')).toThrow(/must start with http/);
  });
});
