import tls from 'node:tls';
import { offline } from './satellite-errors.js';

/**
 * The SHA-256 fingerprint of the certificate an HTTPS satellite presents, read without trusting it (nothing
 * is sent), to show the user before they trust it.
 */
export function readFingerprint(url: URL, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const port = Number(url.port || 443);
    const socket = tls.connect({ host: url.hostname, port, servername: isIp(url.hostname) ? undefined : url.hostname, rejectUnauthorized: false, timeout: timeoutMs });
    socket.once('secureConnect', () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      if (fingerprint) resolve(fingerprint.toUpperCase());
      else reject(offline(`${url.host} presented no certificate`));
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(offline(`No TLS answer from ${url.host} within ${timeoutMs / 1000} s`));
    });
    socket.once('error', (error) => reject(offline(`${url.host}: ${error.message}`, error)));
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
