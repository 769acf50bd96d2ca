import { readdirSync, readFileSync } from 'node:fs';

/** A command that a stopped server left running: its task run and process group. */
export interface Leftover {
  readonly taskRunId: number;
  readonly pid: number;
  /** When the task run started (epoch ms). */
  readonly startedAt: number;
}

/** Kernel clock ticks per second, as /proc reports start times (100 on every Linux this runs on). */
const CLOCK_TICKS = 100;

/**
 * Stops the process groups that commands of a crashed server left running (each command runs in a group of its
 * own, which outlives the server), so a restarted server never runs a non-parallelizable task next to its
 * predecessor's. A group is stopped only when its first process started right after its task run did, so that a
 * process group id reused by something else after the crash is left alone. SIGTERM first, SIGKILL after `graceMs`.
 * Returns the task run ids whose processes were stopped. Linux only (reads /proc); elsewhere it stops nothing.
 */
export async function stopLeftovers(leftovers: ReadonlyArray<Leftover>, graceMs: number): Promise<Set<number>> {
  const stopped = new Set<number>();
  const boot = bootTime();
  if (leftovers.length === 0 || boot === null) return stopped;
  const groups = processGroups(boot);
  const targets = leftovers.filter((l) => {
    const members = groups.get(l.pid);
    if (!members || members.length === 0) return false;
    // Ours started right after its run did (a second of slack for clock ticks before, a minute for a busy
    // server after); a group id reused later by something else started long after.
    const first = Math.min(...members);
    return first >= l.startedAt - 1000 && first <= l.startedAt + 60_000;
  });
  for (const target of targets) signalGroup(target.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  let alive = targets;
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = processGroups(boot);
    alive = alive.filter((t) => now.has(t.pid));
  }
  for (const target of alive) signalGroup(target.pid, 'SIGKILL');
  for (const target of targets) stopped.add(target.taskRunId);
  return stopped;
}

/** Start instants (epoch ms) of the live (not zombie) processes, by process group id. */
function processGroups(boot: number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // The command name is in parentheses and may hold spaces: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const group = Number(fields[2]);
    const startTicks = Number(fields[19]);
    if (state === 'Z' || !Number.isFinite(group) || !Number.isFinite(startTicks)) continue;
    const list = groups.get(group) ?? [];
    list.push(boot + (startTicks * 1000) / CLOCK_TICKS);
    groups.set(group, list);
  }
  return groups;
}

function bootTime(): number | null {
  try {
    const match = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return match ? Number(match[1]) * 1000 : null;
  } catch {
    return null;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
