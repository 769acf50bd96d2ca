import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDuration } from '../config/duration.js';
import { DEFAULT_CONFIG, loadConfigFile, nodeTimeout, parseListen, type ServerConfig } from '../config/server-config.js';
import { createJsonLogger } from '../logger.js';
import { startServer } from '../main.js';
import { CliError } from './cli-error.js';
import { DEFAULT_DATA_DIR, type DataDirOptions } from './data-dir.js';

export interface StartOptions extends DataDirOptions {
  readonly listen?: string;
  readonly demo?: boolean;
  /** Allow plain HTTP on a non-loopback address (passwords and session keys cross the network in clear). */
  readonly insecureHttp?: boolean;
  /** File holding the first satellite admin's password, for a new data folder. */
  readonly adminPasswordFile?: string;
  /** Several nodes on one PostgreSQL database: a node silent this long is gone (overrides `nodeTimeout:`). */
  readonly nodeTimeout?: string;
}

/**
 * `taskomatic-server start`: runs the server in the foreground, logging JSON lines to stdout, until SIGTERM or
 * SIGINT, which stop it gracefully (a second signal stops it at once).
 */
export async function startCommand(options: StartOptions): Promise<void> {
  const config: ServerConfig = options.config ? loadConfigFile(resolve(options.config)) : DEFAULT_CONFIG;
  const logger = createJsonLogger((line) => process.stdout.write(line), { level: config.logLevel });
  const dataDir = resolve(options.data ?? config.dataDir ?? DEFAULT_DATA_DIR);
  const listen = options.listen ? parseListen(options.listen) : config.listen;
  if (!isLoopback(listen.host) && !config.tls) {
    if (!options.insecureHttp) {
      throw new CliError(
        `Refusing to listen on ${listen.host} without TLS: passwords and session keys would cross the network in clear. ` +
          'Configure tls (cert and key) or pass --insecure-http if you really mean it',
        { exitCode: 2 },
      );
    }
    logger.warn('listening on a non-loopback address without TLS (--insecure-http)', { host: listen.host });
  }
  const adminPassword = options.adminPasswordFile ? readFileSync(resolve(options.adminPasswordFile), 'utf8').replace(/\r?\n$/, '') : undefined;
  let onFatal = (): void => undefined;
  const server = await startServer({
    dataDir,
    config: options.nodeTimeout === undefined ? config : { ...config, nodeTimeout: nodeTimeout(parseDuration(options.nodeTimeout, '--node-timeout')) },
    demo: options.demo ?? false,
    listen,
    logger,
    onFatal: () => onFatal(),
    ...(options.database === undefined ? {} : { database: options.database }),
    ...(adminPassword === undefined ? {} : { adminPassword }),
  });
  await new Promise<void>((resolveStop) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      signals++;
      if (signals > 1) {
        logger.warn('second signal: stopping at once', { signal });
        process.exit(130);
      }
      logger.info('signal received; stopping gracefully', { signal });
      server.stop().then(resolveStop, (error: unknown) => {
        logger.error('stop failed', { error });
        process.exitCode = 1;
        resolveStop();
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    // The server stopped on its own (see ServerOptions.onFatal): exit non-zero, so a service manager restarts it.
    onFatal = () => {
      process.exitCode = 1;
      resolveStop();
    };
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
