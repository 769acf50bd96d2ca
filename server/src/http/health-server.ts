import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenAddress } from '../config/server-config.js';
import type { EngineStatus } from '../engine/engine.js';

/** What /health reports. */
export interface HealthSource {
  readonly version: string;
  readonly startedAt: number;
  now(): number;
  engine(): EngineStatus;
  databaseOk(): Promise<boolean>;
}

/** A running HTTP listener. */
export interface HttpListener {
  readonly address: ListenAddress;
  close(): Promise<void>;
}

/**
 * The HTTP side of the server: `GET /health` answers JSON without authentication (version, uptime, database,
 * scheduler, clock), for monitoring and for the desktop app's first contact.
 */
export async function listenHealth(address: ListenAddress, source: HealthSource): Promise<HttpListener> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/health') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    void health(source).then((body) => {
      response.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
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

async function health(source: HealthSource) {
  const now = source.now();
  const databaseOk = await source.databaseOk().catch(() => false);
  const engine = source.engine();
  return {
    status: databaseOk && engine.running ? 'ok' : 'degraded',
    version: source.version,
    uptimeSeconds: Math.round((now - source.startedAt) / 1000),
    clock: new Date(now).toISOString(),
    database: { ok: databaseOk },
    scheduler: {
      running: engine.running,
      schedules: engine.scheduled,
      pendingRuns: engine.pending,
      runsUnderWay: engine.live,
      nextFireAt: engine.nextFireAt === null ? null : new Date(engine.nextFireAt).toISOString(),
    },
  };
}
