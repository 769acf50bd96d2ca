import { createServer } from 'node:net';

/** The ports the benchmarks' server nodes may listen on (loopback only). */
const FIRST_PORT = 47000;
const LAST_PORT = 47999;

/**
 * A port of 127.0.0.1 in the benchmarks' range that nothing listens on right now, starting the search at a
 * random place so that two benchmarks started together rarely pick the same one. The node that gets it binds
 * it a moment later; a port taken in between makes that node fail to start, with the reason.
 */
export async function freeLoopbackPort(): Promise<number> {
  const span = LAST_PORT - FIRST_PORT + 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = FIRST_PORT + ((start + i) % span);
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${FIRST_PORT} and ${LAST_PORT}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
