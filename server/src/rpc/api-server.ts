import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApiFault } from '@taskomatic/shared';
import type { ListenAddress } from '../config/server-config.js';
import type { HealthSource, HttpListener } from '../http/health.js';
import { health } from '../http/health.js';
import type { Logger } from '../logger.js';
import type { ApiGate } from './gate.js';
import { DEFAULT_PARSE_LIMITS, parseMethodCall, type ResultValue, serializeFault, serializeMethodResponse, XmlRpcParseError } from '@taskomatic/shared/xmlrpc';

export interface ApiServerOptions {
  readonly listen: ListenAddress;
  /** Certificate and key (PEM): HTTPS when given. */
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | null;
  /** Largest request body accepted (default: 4 MiB). */
  readonly maxRequestBytes: number;
  readonly gate: ApiGate;
  readonly health: HealthSource;
  readonly metrics: () => string;
  readonly logger: Logger;
}

const XML_HEADERS = {
  'content-type': 'text/xml; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/**
 * The HTTP(S) side of the server: XML-RPC at /rpc/api and /RPC2, `GET /health` (JSON, no session) and
 * `GET /metrics` (Prometheus). Bodies are refused past the size limit before parsing, requests that stop
 * sending are cut off by the request timeout, and every error of a call comes back as an XML-RPC fault.
 */
export async function listenApi(options: ApiServerOptions): Promise<HttpListener> {
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    route(request, response, options).catch((error: unknown) => {
      options.logger.error('HTTP request failed', { error, url: request.url });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, handler)
    : createHttpServer(handler);
  // A client that stops sending halfway is cut off; nobody holds a connection open by trickling bytes.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  return {
    address: { host: bound.address, port: bound.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(request: IncomingMessage, response: ServerResponse, options: ApiServerOptions): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/rpc/api' || path === '/RPC2') {
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('XML-RPC calls are POSTed\n');
      return;
    }
    await rpc(request, response, options);
    return;
  }
  if (request.method !== 'GET') {
    response.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' }).end();
    return;
  }
  if (path === '/health') {
    const body = await health(options.health);
    response.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
    return;
  }
  if (path === '/metrics') {
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'cache-control': 'no-store' }).end(options.metrics());
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
}

async function rpc(request: IncomingMessage, response: ServerResponse, options: ApiServerOptions): Promise<void> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > options.maxRequestBytes) {
    tooLarge(response, options.maxRequestBytes);
    request.resume();
    return;
  }
  const body = await readBody(request, options.maxRequestBytes);
  if (body === 'too-large') {
    tooLarge(response, options.maxRequestBytes);
    return;
  }
  if (body === 'aborted') return;
  const address = request.socket.remoteAddress ?? 'unknown';
  let call;
  try {
    call = parseMethodCall(body, { ...DEFAULT_PARSE_LIMITS, maxBytes: options.maxRequestBytes });
  } catch (error) {
    if (!(error instanceof XmlRpcParseError)) throw error;
    const fault = new ApiFault(error.code === 'too-large' ? 'REQUEST_TOO_LARGE' : error.code === 'bad-value' ? 'INVALID_PARAMS' : 'BAD_REQUEST', error.message);
    send(response, serializeFault(fault.code, fault.message));
    return;
  }
  const outcome = await options.gate.call(call.methodName, call.params, address);
  if (!outcome.ok) {
    send(response, serializeFault(outcome.fault.code, outcome.fault.message));
    return;
  }
  const value = outcome.value;
  const shared = typeof value === 'object' && value !== null ? value : undefined;
  let encoded = shared ? encodedAnswers.get(shared) : undefined;
  if (!encoded) {
    let xml: string;
    try {
      xml = serializeMethodResponse(value as ResultValue);
    } catch (error) {
      options.logger.error('could not serialize a result', { method: call.methodName, error });
      const fault = new ApiFault('INTERNAL', `${call.methodName} produced a result that cannot be sent; the server logged it`);
      xml = serializeFault(fault.code, fault.message);
    }
    // Encoded once: measuring the string's byte length and then writing it would encode large answers twice.
    encoded = Buffer.from(xml, 'utf8');
    if (shared) encodedAnswers.set(shared, encoded);
  }
  sendBody(response, encoded);
}

/**
 * Encoded answers by result object. A result is shared only when a handler hands the same answer to several
 * callers (the calendar's answers, reused for a moment, are never changed afterwards): its megabytes of XML are
 * then written once, not once per client. Other results are fresh objects, collected with their entry.
 */
const encodedAnswers = new WeakMap<object, Buffer>();

function send(response: ServerResponse, xml: string): void {
  sendBody(response, Buffer.from(xml, 'utf8'));
}

function sendBody(response: ServerResponse, body: Buffer): void {
  response.writeHead(200, { ...XML_HEADERS, 'content-length': body.length }).end(body);
}

function tooLarge(response: ServerResponse, limit: number): void {
  response.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end(`Request body over ${limit} bytes\n`);
}

/** Reads a body up to `limit` bytes; stops reading (and says so) past it, or when the client goes away. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (value: Buffer | 'too-large' | 'aborted'): void => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.pause();
        finish('too-large');
        return;
      }
      parts.push(chunk);
    });
    request.on('end', () => finish(Buffer.concat(parts, size)));
    request.on('aborted', () => finish('aborted'));
    request.on('error', () => finish('aborted'));
    request.on('close', () => finish('aborted'));
  });
}
