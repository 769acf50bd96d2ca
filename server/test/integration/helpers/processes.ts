import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc shows it. */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** Single-letter state: R, S, Z (zombie)... */
  readonly state: string;
  readonly argv: ReadonlyArray<string>;
}

/** Every process visible in /proc (those that vanish while we look are left out). */
export function listProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      found.push({ pid: Number(entry), ppid: Number(ppid), pgid: Number(pgid), state: state ?? '?', argv });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Live (not zombie) members of a process group. */
export function liveGroupMembers(pgid: number): ProcessInfo[] {
  return listProcesses().filter((p) => p.pgid === pgid && p.state !== 'Z');
}

/** True when `pid` is gone or a zombie. */
export function isGoneOrZombie(pid: number): boolean {
  const p = listProcesses().find((x) => x.pid === pid);
  return p === undefined || p.state === 'Z';
}

/** Live processes with `token` among their arguments (how a test finds the commands it configured). */
export function liveProcessesWithArg(token: string): ProcessInfo[] {
  return listProcesses().filter((p) => p.state !== 'Z' && p.argv.includes(token));
}

/** Sends SIGKILL to a process group; true when there was one. */
export function killGroup(pgid: number): boolean {
  try {
    process.kill(-pgid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
