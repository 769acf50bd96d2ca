import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/ensure-postgres.sh', import.meta.url));

/**
 * Vitest global setup: the tests need a PostgreSQL server (test/support/postgres.ts). A developer who names one
 * with TASKOMATIC_TEST_DATABASE_URL gets it as it is; otherwise, when nothing answers on 127.0.0.1:5432, the
 * same script that CI runs starts a throw-away cluster there. It fails with the script's reason (e.g.
 * PostgreSQL's binaries are not installed) rather than letting every PostgreSQL test fail on its own.
 */
export default async function setup(): Promise<void> {
  if (process.env.TASKOMATIC_TEST_DATABASE_URL !== undefined) return;
  if (await answers('127.0.0.1', 5432)) return;
  const result = spawnSync('bash', [SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (result.status !== 0) {
    const reason = (result.stderr || result.error?.message || `exit code ${result.status}`).trim();
    throw new Error(
      `The tests need a PostgreSQL server and none answers on 127.0.0.1:5432; starting one with ${SCRIPT} failed: ${reason}. ` +
        'Set TASKOMATIC_TEST_DATABASE_URL to a server of yours (trust authentication, allowed to create databases) instead.',
    );
  }
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
