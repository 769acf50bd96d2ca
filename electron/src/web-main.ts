import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PushSink } from '@taskomatic/shared/ipc';
import { APP_VERSION, RENDERER_DIR } from './app-version.js';
import { createHandlers } from './ipc/handlers.js';
import { Fleet } from './satellites/fleet.js';
import { DEFAULT_TIMINGS } from './satellites/satellite-connection.js';
import { memoryOnlySecrets } from './satellites/secret-store.js';
import { SatelliteStore } from './satellites/satellite-store.js';
import { startWebHost } from './web/web-host.js';

/**
 * The browser host's composition root (`npm run app:web`): the same fleet and handlers as the Electron app,
 * served to a browser on 127.0.0.1. There is no OS keyring here, so passwords are kept in memory only.
 */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string', default: path.join(os.homedir(), '.config', 'taskomatic-app') },
      renderer: { type: 'string', default: RENDERER_DIR },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number`);
  const log = (message: string, error?: unknown) => console.error(`${new Date().toISOString()} ${message}`, ...(error === undefined ? [] : [error]));
  const secrets = memoryOnlySecrets('The browser host has no OS keyring: passwords are kept in memory until it stops, never on disk');
  const store = new SatelliteStore(path.resolve(values.data));
  let fleet: Fleet | undefined;
  const host = await startWebHost({ port, rendererDir: path.resolve(values.renderer), log }, (push: PushSink) => {
    fleet = new Fleet(store, secrets, push, DEFAULT_TIMINGS, log);
    return createHandlers({ fleet, appInfo: { host: 'browser', version: APP_VERSION, keyring: secrets.info } });
  });
  fleet?.start();
  console.log(`Taskomatic app (browser host) for ${path.resolve(values.data)}`);
  console.log(`Open: ${host.url}`);
  const stop = () => {
    void (async () => {
      await fleet?.stop();
      await host.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
