import { fileURLToPath } from 'node:url';

/** The programs that stand in for Spacewalk's in demo mode. */
export type SimulatorName = 'repo-sync' | 'satellite-sync';

/**
 * Path of a simulator's compiled script, beside this module (server/dist/demo/ once built). Run it with
 * `node <path> args...`: a demo command task has `process.execPath` as executable and this path as first argument.
 */
export function simulatorPath(name: SimulatorName): string {
  return fileURLToPath(new URL(`./${name}-simulator.js`, import.meta.url));
}
