import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseMethodResponse, serializeMethodCall, type ResultValue, type XmlRpcValue } from '@taskomatic/shared/xmlrpc';

const BIN = new URL('../../../server/bin/taskomatic-server.js', import.meta.url).pathname;
const BUILT = new URL('../../../server/dist/main.js', import.meta.url).pathname;
const STARTUP_MS = 15_000;

/** The first satellite admin's password of every test server. */
export const ADMIN_PASSWORD = 'admin-password-12';

/** How to start a test server. */
export interface TestServerOptions {
  /** Folder for its data, config and password file (created). */
  readonly folder: string;
  readonly port: number;
  /** Serve HTTPS with this certificate and key (PEM files). */
  readonly tls?: { readonly cert: string; readonly key: string };
}

/**
 * A real Taskomatic server in a child process (`taskomatic-server start`), on a fixed port so it can be
 * stopped and started again at the same address. Needs `npm run build` (the server's dist).
 */
export class TestServer {
  readonly #options: TestServerOptions;
  #child: ChildProcess | undefined;

  constructor(options: TestServerOptions) {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\` first`);
    this.#options = options;
  }

  get url(): string {
    return `${this.#options.tls ? 'https' : 'http'}://127.0.0.1:${this.#options.port}`;
  }

  /** Starts the server and resolves once it listens. */
  async start(): Promise<void> {
    const { folder, port, tls } = this.#options;
    mkdirSync(folder, { recursive: true });
    const passwordFile = path.join(folder, 'admin-password');
    writeFileSync(passwordFile, `${ADMIN_PASSWORD}\n`, { mode: 0o600 });
    const args = [BIN, 'start', '--data', path.join(folder, 'data'), '--listen', `127.0.0.1:${port}`, '--admin-password-file', passwordFile];
    if (tls) {
      const config = path.join(folder, 'config.yaml');
      writeFileSync(config, `tls:\n  cert: ${JSON.stringify(tls.cert)}\n  key: ${JSON.stringify(tls.key)}\n`);
      args.push('--config', config);
    }
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server on port ${port} did not start within ${STARTUP_MS} ms: ${stderr}`)), STARTUP_MS);
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (line.includes('"msg":"server started"')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server on port ${port} exited with ${code}: ${stderr}`));
      });
    });
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and resolves once it exited. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}

/**
 * A plain XML-RPC client of the test's own (fetch and the shared codec, not the app's client), for what the
 * test does to the server behind the app's back. Faults are thrown as errors naming the fault string.
 */
export class AdminClient {
  readonly #endpoint: string;
  #key = '';

  constructor(baseUrl: string) {
    this.#endpoint = `${baseUrl}/rpc/api`;
  }

  async login(username = 'admin', password = ADMIN_PASSWORD): Promise<this> {
    this.#key = (await this.raw('auth.login', [username, password])) as string;
    return this;
  }

  /** Calls a method with the session key first. */
  call(method: string, ...params: ResultValue[]): Promise<XmlRpcValue> {
    return this.raw(method, [this.#key, ...params]);
  }

  async raw(method: string, params: ReadonlyArray<ResultValue>): Promise<XmlRpcValue> {
    const response = await fetch(this.#endpoint, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: serializeMethodCall(method, params) });
    const answer = parseMethodResponse(await response.text());
    if (answer.kind === 'fault') throw new Error(`${method}: ${answer.faultString}`);
    return answer.value;
  }
}
