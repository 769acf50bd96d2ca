import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWire, encodeWire, type InvokeHandlers, type PushChannel, type PushChannels, type PushSink } from '@taskomatic/shared/ipc';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy.js';
import { dispatch, type ErrorLog } from '../ipc/dispatch.js';
import { staticFile } from './static-files.js';

/** The cookie's name, with the port: cookies are shared by every port of 127.0.0.1, and two hosts must not overwrite each other's. */
const COOKIE_PREFIX = 'taskomatic_token_';
const MAX_BODY = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/** Options of the browser host. */
export interface WebHostOptions {
  /** Port on 127.0.0.1 (0: any free port). */
  readonly port: number;
  /** The renderer's build folder (index.html, app.js, app.css). */
  readonly rendererDir: string;
  readonly log: ErrorLog;
}

/** A running browser host. */
export interface WebHost {
  /** Open this to use the app: it carries the token, which the page keeps in a same-site cookie. */
  readonly url: string;
  /** Pushes to every page that is listening. */
  readonly push: PushSink;
  close(): Promise<void>;
}

/**
 * Serves the renderer to a browser on 127.0.0.1 and carries the IPC map over HTTP: `POST /ipc/invoke` for
 * requests, server-sent events at `/ipc/events` for pushes. The trusted-sender check: the random token
 * (from the URL, then a `SameSite=Strict`, `HttpOnly` cookie), the loopback Host header (no DNS rebinding) and,
 * for requests, a same-origin `Origin` header.
 */
export async function startWebHost(options: WebHostOptions, handlersOf: (push: PushSink) => InvokeHandlers): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const listeners = new Set<http.ServerResponse>();
  const push: PushSink = <C extends PushChannel>(channel: C, payload: PushChannels[C]) => {
    const frame = `event: ${channel}\ndata: ${encodeWire(payload)}\n\n`;
    for (const listener of listeners) listener.write(frame);
  };
  const handlers = handlersOf(push);
  let origin = '';
  let cookie = '';

  const server = http.createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      options.log('browser host request failed', error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });

  async function serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.headers.host !== new URL(origin).host) return void response.writeHead(421).end('Wrong host');
    if (!URL.canParse(request.url ?? '/', origin)) return void response.writeHead(400).end('Not an address');
    const url = new URL(request.url ?? '/', origin);
    const fromUrl = url.searchParams.get('token');
    const trusted = sameToken(fromUrl ?? cookieToken(request.headers.cookie, cookie), token);
    if (!trusted) return void response.writeHead(403, { 'Content-Type': 'text/plain' }).end('Open the address printed by the app (with its token).');
    if (fromUrl !== null) {
      // Keep the token out of the address bar, history and screenshots from now on.
      response.writeHead(303, { Location: '/', 'Set-Cookie': `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/` });
      return void response.end();
    }
    if (url.pathname === '/ipc/invoke' && request.method === 'POST') return invoke(request, response);
    if (url.pathname === '/ipc/events' && request.method === 'GET') return events(request, response);
    if (request.method !== 'GET') return void response.writeHead(405).end();
    const file = await staticFile(options.rendererDir, url.pathname);
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, {
      'Content-Type': file.type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    response.end(file.body);
  }

  async function invoke(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.headers.origin !== origin || !request.headers['content-type']?.startsWith('application/json')) {
      return void response.writeHead(403).end('Not from the app');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) return void response.writeHead(413).end();
      chunks.push(chunk);
    }
    let message: unknown;
    try {
      message = decodeWire(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return void response.writeHead(400).end('Not JSON');
    }
    if (typeof message !== 'object' || message === null) return void response.writeHead(400).end('Not a request: { channel, args } expected');
    const { channel, args } = message as { channel?: unknown; args?: unknown };
    const outcome = await dispatch(handlers, channel, args, options.log);
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(encodeWire(outcome));
  }

  function events(request: http.IncomingMessage, response: http.ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    listeners.add(response);
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      listeners.delete(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  cookie = `${COOKIE_PREFIX}${port}`;
  return {
    url: `${origin}/?token=${token}`,
    push,
    close: () =>
      new Promise<void>((resolve) => {
        for (const listener of listeners) listener.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function cookieToken(header: string | undefined, cookie: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [name, value] = part.trim().split('=');
    if (name === cookie && value) return value;
  }
  return null;
}

/** Compares in constant time; bytes, not characters (a token of non-ASCII characters has more bytes). */
function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const bytes = Buffer.from(given);
  const expected = Buffer.from(token);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}
