import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeFault, serializeMethodResponse } from '@taskomatic/shared/xmlrpc';
import { readFingerprint } from './certificate.js';
import { apiUrl, XmlRpcClient } from './xmlrpc-client.js';

// Ports 29660-29663 of this helper's range.
const PORT = 29660;
const SILENT_PORT = 29661;
const CLOSED_PORT = 29663;

describe('the XML-RPC client of one satellite', () => {
  const requests: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  let answer: (response: http.ServerResponse) => void = (response) => response.end();
  let server: http.Server;
  let silent: net.Server;
  const silentSockets = new Set<net.Socket>();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ method: request.method, url: request.url, headers: request.headers, body });
        answer(response);
      });
    });
    // Accepts connections and never answers.
    silent = net.createServer((socket) => silentSockets.add(socket.on('error', () => undefined)));
    await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => silent.listen(SILENT_PORT, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('places the API at /rpc/api unless the address names a path', () => {
    expect(apiUrl('https://sat-1.example.com:2829').href).toBe('https://sat-1.example.com:2829/rpc/api');
    expect(apiUrl('http://127.0.0.1:2829/').href).toBe('http://127.0.0.1:2829/rpc/api');
    expect(apiUrl('http://127.0.0.1:2829/RPC2').href).toBe('http://127.0.0.1:2829/RPC2');
    expect(() => apiUrl('ftp://sat-1')).toThrow('ftp://sat-1 is not an http or https URL');
  });

  it('posts the call as XML and reads the value, or the fault with its name', async () => {
    const client = new XmlRpcClient({ url: `http://127.0.0.1:${PORT}` });
    answer = (response) => response.writeHead(200, { 'Content-Type': 'text/xml' }).end(serializeMethodResponse({ at: new Date('2026-11-28T10:00:00Z'), n: 3 }));
    const result = await client.call('settings.get', ['key'], 5_000);
    expect(result.value).toEqual({ at: new Date('2026-11-28T10:00:00Z'), n: 3 });
    expect(requests.at(-1)).toMatchObject({ method: 'POST', url: '/rpc/api', headers: { 'content-type': 'text/xml; charset=utf-8', 'user-agent': 'taskomatic-app' } });
    expect(requests.at(-1)?.body).toContain('<methodName>settings.get</methodName>');

    answer = (response) => response.writeHead(200, { 'Content-Type': 'text/xml' }).end(serializeFault(26, 'Changed by bob at 10:00'));
    await expect(client.call('schedules.update', ['key'], 5_000)).rejects.toMatchObject({ info: { kind: 'fault', fault: 'VERSION_CONFLICT', faultCode: 26, message: 'Changed by bob at 10:00' } });

    answer = (response) => response.writeHead(502).end('<html>Bad gateway</html>');
    await expect(client.call('settings.get', ['key'], 5_000)).rejects.toMatchObject({ info: { kind: 'internal', message: expect.stringMatching(/^The satellite's answer to settings.get could not be read: /) } });
    client.close();
  });

  it('refuses parameters XML-RPC cannot carry before sending anything', async () => {
    const client = new XmlRpcClient({ url: `http://127.0.0.1:${PORT}` });
    const sent = requests.length;
    await expect(client.call('schedules.list', ['key', { from: new Date(NaN) }], 5_000)).rejects.toMatchObject({ info: { kind: 'invalid', message: expect.stringMatching(/^schedules.list: cannot send params\[1\]\.from: /) } });
    await expect(client.call('schedules.list', ['key', new Map() as never], 5_000)).rejects.toMatchObject({ info: { kind: 'invalid' } });
    expect(requests.length).toBe(sent);
    client.close();
  });

  it('reads /health as JSON, and says when it is something else', async () => {
    const client = new XmlRpcClient({ url: `http://127.0.0.1:${PORT}` });
    answer = (response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
    expect((await client.getJson('/health', 5_000)).value).toEqual({ status: 'ok' });
    expect(requests.at(-1)).toMatchObject({ method: 'GET', url: '/health' });
    answer = (response) => response.writeHead(200).end('<html>a router</html>');
    await expect(client.getJson('/health', 5_000)).rejects.toMatchObject({ name: 'NotTaskomaticError', message: '/health is not JSON' });
    answer = (response) => response.writeHead(404).end();
    await expect(client.getJson('/health', 5_000)).rejects.toMatchObject({ info: { kind: 'offline', message: '/health answered HTTP 404' } });
    client.close();
  });

  it('gives up on a server that does not answer in time, and on one that is not there', async () => {
    const client = new XmlRpcClient({ url: `http://127.0.0.1:${SILENT_PORT}` });
    const started = performance.now();
    await expect(client.call('settings.get', ['key'], 300)).rejects.toMatchObject({ info: { kind: 'offline', message: `No answer from 127.0.0.1:${SILENT_PORT} within 0 s` } });
    expect(performance.now() - started).toBeLessThan(2_000);
    client.close();
    const nobody = new XmlRpcClient({ url: `http://127.0.0.1:${CLOSED_PORT}` });
    await expect(nobody.getJson('/health', 5_000)).rejects.toMatchObject({ info: { kind: 'offline', message: `127.0.0.1:${CLOSED_PORT} refused the connection (is the server running?)` } });
    nobody.close();
  });

  it('sends nothing over HTTPS until a certificate is trusted', async () => {
    const client = new XmlRpcClient({ url: `https://127.0.0.1:${SILENT_PORT}` });
    await expect(client.call('auth.login', ['admin', 'password-1234'], 5_000)).rejects.toMatchObject({ info: { kind: 'untrusted', message: 'The certificate of this satellite has not been trusted yet' } });
    client.close();
  });

  it('reads no fingerprint from a server that does not speak TLS, or is not there', async () => {
    await expect(readFingerprint(new URL(`https://127.0.0.1:${PORT}`))).rejects.toMatchObject({ info: { kind: 'offline' } });
    await expect(readFingerprint(new URL(`https://127.0.0.1:${CLOSED_PORT}`))).rejects.toMatchObject({ info: { kind: 'offline', message: expect.stringMatching(/ECONNREFUSED/) } });
    await expect(readFingerprint(new URL(`https://127.0.0.1:${SILENT_PORT}`), 300)).rejects.toMatchObject({ info: { kind: 'offline', message: `No TLS answer from 127.0.0.1:${SILENT_PORT} within 0.3 s` } });
  });
});
