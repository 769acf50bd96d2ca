import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** CPU used over a spell, in percent of one core: each node process's, and the whole machine's (the database's too). */
export interface CpuUse {
  /** Per node, in the order given; null where /proc cannot be read (not Linux). */
  readonly nodesPercent: ReadonlyArray<number | null>;
  readonly machinePercent: number;
}

/** Starts measuring; `stop` gives the use since. */
export function startCpuMeter(pids: ReadonlyArray<number>): { stop(): CpuUse } {
  const t0 = performance.now();
  const nodes0 = pids.map(processCpuMs);
  const machine0 = machineBusyMs();
  return {
    stop() {
      const elapsed = performance.now() - t0;
      const percent = (ms: number) => Math.round((ms / elapsed) * 1000) / 10;
      return {
        nodesPercent: pids.map((pid, i) => {
          const before = nodes0[i];
          const after = processCpuMs(pid);
          return before === null || before === undefined || after === null ? null : percent(after - before);
        }),
        machinePercent: percent(machineBusyMs() - machine0),
      };
    },
  };
}

/**
 * User plus system time of a process, from /proc/PID/stat (fields 14 and 15, in clock ticks, 100 a second on
 * Linux). The command name (field 2) may hold spaces, so fields are counted after its closing parenthesis.
 */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function machineBusyMs(): number {
  return cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);
}
