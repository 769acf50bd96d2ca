/**
 * The table lines of a cluster benchmark (`npm run bench`): one line per store and node count, with runs per
 * second or fire lateness, the runs each node took, and the CPU used. Null for other results.
 */
export function describeCluster(r: Readonly<Record<string, unknown>>): string | null {
  const setups = r['setups'];
  if (!Array.isArray(setups)) return null;
  const lines = (setups as ReadonlyArray<SetupLine>).map((s) => `${`${s.store} x${s.nodes}`.padEnd(12)} ${measures(s)}`);
  if (r['schedules'] !== undefined) lines.unshift(`${String(r['schedules'])} schedules, ${String(r['seconds'])} s measured per line:`);
  else lines.unshift(`${String(r['runs'])} runs of ${String(r['task'])} due at once, per line:`);
  return lines.join(`\n${' '.repeat(21)}`);
}

function measures(s: SetupLine): string {
  if (s.error !== undefined) return `ERROR ${s.error.slice(0, 300)}`;
  const parts: string[] = [];
  if (s.runsPerSecond !== undefined) {
    parts.push(`${s.runsPerSecond} runs/s (${String(s.finished)} in ${String(s.seconds)} s)`);
  }
  if (s.latenessMs !== undefined) {
    const l = s.latenessMs;
    parts.push(`p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms over ${String(s.fires)} of ${String(s.expectedFires)} fires`);
    if ((s.missed ?? 0) > 0 || (s.notStarted ?? 0) > 0) parts.push(`${String(s.missed)} missed, ${String(s.notStarted)} not started`);
  }
  if ((s.duplicates ?? 0) > 0) parts.push(`${String(s.duplicates)} FIRES RUN TWICE`);
  if (s.perNode) parts.push(`per node ${Object.entries(s.perNode).map(([node, n]) => `${node} ${n}`).join(', ')}`);
  if (s.cpu) parts.push(`CPU nodes ${s.cpu.nodesPercent.map((p) => (p === null ? '?' : `${p}`)).join('+')} %, machine ${s.cpu.machinePercent} %`);
  parts.push(`start ${s.startupMs.join('/')} ms`);
  if (s.nodeErrors > 0) parts.push(`${s.nodeErrors} node errors`);
  return parts.join('; ');
}

interface SetupLine {
  readonly store: string;
  readonly nodes: number;
  readonly startupMs: ReadonlyArray<number>;
  readonly nodeErrors: number;
  readonly error?: string;
  readonly runsPerSecond?: number;
  readonly finished?: number;
  readonly seconds?: number;
  readonly latenessMs?: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly fires?: number;
  readonly expectedFires?: number;
  readonly missed?: number;
  readonly duplicates?: number;
  readonly notStarted?: number;
  readonly perNode?: Readonly<Record<string, number>> | null;
  readonly cpu?: { readonly nodesPercent: ReadonlyArray<number | null>; readonly machinePercent: number };
}
