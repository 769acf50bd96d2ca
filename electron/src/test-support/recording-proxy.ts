import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a test server that keeps every byte the client sent, so a test can count what the
 * app asked (logins, health checks) and prove what it never sent. Connections are piped as they are; a
 * stopped upstream shows as a closed connection, as it would without the proxy.
 */
export class RecordingProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #waiters = new Set<() => void>();
  #sent: Buffer[] = [];
  #connections = 0;

  private constructor(server: net.Server) {
    this.#server = server;
  }

  /** Listens on 127.0.0.1:`port` (0: any) and forwards to 127.0.0.1:`targetPort`. */
  static async start(port: number, targetPort: number): Promise<RecordingProxy> {
    const server = net.createServer();
    const proxy = new RecordingProxy(server);
    server.on('connection', (client) => proxy.#accept(client, targetPort));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Connections the client opened so far. */
  get connections(): number {
    return this.#connections;
  }

  /** Everything the client sent, as text. */
  text(): string {
    return Buffer.concat(this.#sent).toString('latin1');
  }

  /** How many times the client sent `needle`. */
  count(needle: string): number {
    return this.text().split(needle).length - 1;
  }

  /** How many times the client called an XML-RPC method. */
  calls(method: string): number {
    return this.count(`<methodName>${method}</methodName>`);
  }

  /** Forgets what was sent so far. */
  clear(): void {
    this.#sent = [];
  }

  /** Resolves once `condition` holds (checked after each chunk the client sends), or rejects after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`the proxy did not see what was awaited within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: net.Socket, targetPort: number): void {
    this.#connections++;
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      this.#sent.push(chunk);
      for (const check of [...this.#waiters]) check();
    });
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}
