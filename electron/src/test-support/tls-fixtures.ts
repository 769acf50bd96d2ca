import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';

/** True when `openssl` can be run (the HTTPS tests are skipped otherwise). */
export const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;

/** A self-signed certificate for 127.0.0.1, with its key and SHA-256 fingerprint (`AB:CD:…`). */
export interface TestCertificate {
  readonly cert: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** Makes a new self-signed certificate in `folder` with `openssl req -x509`. */
export function selfSignedCertificate(folder: string, name: string): TestCertificate {
  const cert = path.join(folder, `${name}.crt`);
  const key = path.join(folder, `${name}.key`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
    { stdio: 'ignore' },
  );
  return { cert, key, fingerprint: new X509Certificate(readFileSync(cert)).fingerprint256 };
}

/**
 * A raw TLS server that records every decrypted byte a client sends and answers nothing: an impostor with
 * another certificate, to prove what the app sends (or never sends) to it.
 */
export class RecordingTlsServer {
  readonly #server: tls.Server;
  readonly #received: Buffer[] = [];
  #connections = 0;

  private constructor(server: tls.Server) {
    this.#server = server;
  }

  static async start(certificate: TestCertificate, port: number): Promise<RecordingTlsServer> {
    const server = tls.createServer({ cert: readFileSync(certificate.cert), key: readFileSync(certificate.key) });
    const recorder = new RecordingTlsServer(server);
    server.on('connection', () => recorder.#connections++);
    server.on('secureConnection', (socket) => {
      socket.on('data', (chunk: Buffer) => recorder.#received.push(chunk));
      socket.on('error', () => undefined);
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    return recorder;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** TCP connections accepted (the app did reach this server; it may drop them before the handshake ends). */
  get connections(): number {
    return this.#connections;
  }

  /** Every decrypted byte received, as text. */
  received(): string {
    return Buffer.concat(this.#received).toString('latin1');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
