import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy } from '../app/content-security-policy';
import type { EventMap, EventName } from '../../src-shared/ipc/contract';
import { createDispatch } from '../ipc/dispatch';
import type { DispatchOptions } from '../ipc/dispatch';
import { wireEvents } from '../ipc/events';
import type { AppServices } from '../ipc/services';
import { parseWsRequest } from '../../src-shared/ipc/ws-protocol';
import type { WsServerFrame } from '../../src-shared/ipc/ws-protocol';
import { securityHeaders, serveStatic } from './static-files';
import { checkUpgrade } from './ws-gate';

export interface ServeHostOptions {
  services: AppServices;
  rendererDir: string;
  /** 0 or undefined picks a free port */
  port?: number;
  token?: string;
  onInternalError?: DispatchOptions['onInternalError'];
  debug?: DispatchOptions['debug'];
}

export interface ServeHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Frames are small JSON objects; anything bigger is a misbehaving client. */
const MAX_FRAME_BYTES = 1024 * 1024;

/** Serves the built renderer and the IPC contract over a WebSocket, on loopback only. */
export async function startServeHost(o: ServeHostOptions): Promise<ServeHost> {
  const token = o.token ?? randomBytes(32).toString('hex');
  if (token.length < 32) throw new Error('The serve token must be at least 32 characters.');
  const dispatch = createDispatch(o.services, {
    onInternalError: o.onInternalError,
    debug: o.debug,
  });
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  const headers = securityHeaders(contentSecurityPolicy({ connect: [`ws://${HOST}:${port}`] }));

  server.on('request', (req, res) => {
    // A Host other than our own means DNS rebinding or a proxy we did not ask for.
    if (req.headers.host !== `${HOST}:${port}`) {
      res.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Forbidden\n');
      return;
    }
    serveStatic(o.rendererDir, req, res, headers).catch(() => res.destroy());
  });

  server.on('upgrade', (req, socket, head) => {
    const gate = checkUpgrade(req, { origin, token });
    if (!gate.ok) {
      const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[gate.status];
      socket.end(
        `HTTP/1.1 ${gate.status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      const request = parseWsRequest(frameText(data));
      if ('error' in request) {
        if (request.id === null) return ws.close(1008, request.error);
        return send(ws, {
          id: request.id,
          envelope: { ok: false, error: { code: 'invalid-argument', message: request.error } },
        });
      }
      void dispatch(request.method, request.arg).then((envelope) =>
        send(ws, { id: request.id, envelope }),
      );
    });
  });

  const unwire = wireEvents(o.services, <E extends EventName>(event: E, payload: EventMap[E]) => {
    const frame = JSON.stringify({ event, payload });
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) client.send(frame);
    }
  });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      unwire();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })();
    return closing;
  };

  return { url: `${origin}/?token=${token}`, port, token, close };
}

function send(ws: WebSocket, frame: WsServerFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}
