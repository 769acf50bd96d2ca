import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { IpcError } from '@taskomatic/shared/ipc';
import { DEFAULT_PARSE_LIMITS, parseMethodResponse, serializeMethodCall, type ParseLimits, XmlRpcSerializeError, type ResultValue, type XmlRpcValue } from '@taskomatic/shared/xmlrpc';
import { faultError, NotTaskomaticError, offline, untrusted } from './satellite-errors.js';

/** Largest answer the app reads (a calendar of a busy month, a big log page). */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * How big a satellite's answer may be once read: far above what the server accepts in a request (a log page of
 * 4 MiB, a calendar of a busy month with a million fire times), still bounded.
 */
const ANSWER_LIMITS: ParseLimits = { ...DEFAULT_PARSE_LIMITS, maxBytes: MAX_RESPONSE_BYTES, maxStringLength: 16 * 1024 * 1024, maxMembers: 5_000_000 };

/** Where and how to reach one satellite's API. */
export interface EndpointOptions {
  /** Base URL as the user typed it (`https://sat-1.example.com:2829`); `/rpc/api` is appended. */
  readonly url: string;
  /**
   * The SHA-256 fingerprint the user trusted (`AB:CD:…`). HTTPS answers from any other certificate are
   * refused before the request body (which may hold a password) is sent. Absent: nothing is sent over HTTPS.
   */
  readonly trustedFingerprint?: string;
}

/** What a call returned, and how long it took. */
export interface CallAnswer {
  readonly value: XmlRpcValue;
  readonly elapsedMs: number;
}

/**
 * XML-RPC over HTTP(S) to one satellite, on a keep-alive agent of its own. Certificates are never checked
 * against a CA (satellites often use their own): the pinned fingerprint decides, checked on every new
 * connection before anything is written.
 */
export class XmlRpcClient {
  readonly #endpoint: URL;
  readonly #fingerprint: string | undefined;
  readonly #agent: http.Agent;

  constructor(options: EndpointOptions) {
    this.#endpoint = apiUrl(options.url);
    this.#fingerprint = options.trustedFingerprint?.toUpperCase();
    const agentOptions = { keepAlive: true, maxSockets: 8 };
    // No TLS session resumption: a resumed session carries no certificate, so the pin could not be checked
    // (every new connection after the first would look like a changed certificate).
    this.#agent = this.secure ? new https.Agent({ ...agentOptions, rejectUnauthorized: false, maxCachedSessions: 0 }) : new http.Agent(agentOptions);
  }

  get secure(): boolean {
    return this.#endpoint.protocol === 'https:';
  }

  /** The server's base URL, for `/health`. */
  get origin(): string {
    return this.#endpoint.origin;
  }

  /**
   * Calls `method`; a fault answer throws an `IpcError` of kind `fault`, parameters XML-RPC cannot carry (null,
   * NaN, a class instance) one of kind `invalid`, before anything is sent.
   */
  async call(method: string, params: ReadonlyArray<ResultValue>, timeoutMs: number): Promise<CallAnswer> {
    const started = performance.now();
    let request: string;
    try {
      request = serializeMethodCall(method, params);
    } catch (error) {
      if (error instanceof XmlRpcSerializeError) throw new IpcError({ kind: 'invalid', message: `${method}: ${error.message}` });
      throw error;
    }
    const body = await this.#request('POST', this.#endpoint, request, timeoutMs);
    let response;
    try {
      response = parseMethodResponse(body.bytes, ANSWER_LIMITS);
    } catch (error) {
      throw new IpcError({ kind: 'internal', message: `The satellite's answer to ${method} could not be read: ${(error as Error).message}` });
    }
    if (response.kind === 'fault') throw faultError(response.faultCode, response.faultString);
    return { value: response.value, elapsedMs: performance.now() - started };
  }

  /** `GET path` (e.g. `/health`), parsed as JSON; a `NotTaskomaticError` when it is not JSON. */
  async getJson(path: string, timeoutMs: number): Promise<{ value: unknown; elapsedMs: number }> {
    const started = performance.now();
    const answer = await this.#request('GET', new URL(path, this.#endpoint), undefined, timeoutMs);
    if (answer.status !== 200) throw offline(`${path} answered HTTP ${answer.status}`);
    let value: unknown;
    try {
      value = JSON.parse(answer.bytes.toString('utf8'));
    } catch {
      throw new NotTaskomaticError(`${path} is not JSON`);
    }
    return { value, elapsedMs: performance.now() - started };
  }

  /** Closes idle connections. */
  close(): void {
    this.#agent.destroy();
  }

  #request(method: 'GET' | 'POST', url: URL, body: string | undefined, timeoutMs: number): Promise<{ status: number; bytes: Buffer }> {
    if (this.secure && !this.#fingerprint) return Promise.reject(untrusted('The certificate of this satellite has not been trusted yet'));
    return new Promise((resolve, reject) => {
      const transport = this.secure ? https : http;
      const headers: Record<string, string> = { 'User-Agent': 'taskomatic-app' };
      if (body !== undefined) headers['Content-Type'] = 'text/xml; charset=utf-8';
      const request = transport.request(url, { method, headers, agent: this.#agent, timeout: timeoutMs });
      const fail = (error: Error) => {
        clearTimeout(timer);
        request.destroy();
        reject(error instanceof IpcError ? error : offline(describeNetworkError(error, url), error));
      };
      const timer = setTimeout(() => fail(offline(`No answer from ${url.host} within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      request.on('error', fail);
      request.on('timeout', () => fail(offline(`No answer from ${url.host} within ${Math.round(timeoutMs / 1000)} s`)));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) fail(offline(`The answer from ${url.host} is over ${MAX_RESPONSE_BYTES / 1024 / 1024} MB`));
          else chunks.push(chunk);
        });
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, bytes: Buffer.concat(chunks) });
        });
      });
      const send = () => request.end(body);
      if (!this.secure) return send();
      request.on('socket', (socket) => {
        const tls = socket as TLSSocket;
        const check = () => {
          const seen = tls.getPeerCertificate().fingerprint256?.toUpperCase();
          if (seen === this.#fingerprint) send();
          else fail(untrusted(`The certificate of ${url.host} changed: it is ${seen ?? 'missing'}, not the trusted ${this.#fingerprint}`));
        };
        // A reused keep-alive socket was checked when it connected; a new one has no certificate before its handshake.
        const peer = tls.getPeerCertificate?.();
        if (peer && Object.keys(peer).length > 0) check();
        else tls.once('secureConnect', check);
      });
    });
  }
}

/** `https://host:2829` → `https://host:2829/rpc/api`; a URL that already names a path keeps it. */
export function apiUrl(base: string): URL {
  const url = new URL(base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IpcError({ kind: 'invalid', message: `${base} is not an http or https URL` });
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/rpc/api';
  return url;
}

function describeNetworkError(error: Error, url: URL): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return `${url.host} refused the connection (is the server running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${url.hostname} is not a known host name`;
    case 'ECONNRESET':
      return `${url.host} closed the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${url.host} cannot be reached from this machine`;
    default:
      return `${url.host}: ${error.message}`;
  }
}
