/**
 * The table line of an API benchmark (`npm run bench`): one line per load configuration, method × clients,
 * with calls per second and latency; the lateness first when the scenario measured it. Null for other results.
 */
export function describeApi(r: Readonly<Record<string, unknown>>): string | null {
  const api = r['api'];
  if (!Array.isArray(api)) return null;
  const lines = (api as ReadonlyArray<ApiLine>).map(
    (a) =>
      `${a.method} x${a.clients}: ${a.callsPerSecond} calls/s, p50 ${a.latencyMs.p50} ms, p99 ${a.latencyMs.p99} ms, max ${a.latencyMs.max} ms` +
      `${a.errors > 0 ? `, ${a.errors} ERRORS` : ''}; server CPU ${a.serverCpuPercent} %, loop busy ${Math.round(a.serverEventLoopUtilization * 100)} %`,
  );
  const lateness = r['latenessMs'] as { p50: number; p99: number; max: number } | undefined;
  if (lateness) lines.unshift(`lateness p50 ${lateness.p50} ms, p99 ${lateness.p99} ms, max ${lateness.max} ms over ${String(r['fires'])} fires, meanwhile:`);
  if (r['occurrences'] !== undefined) lines.unshift(`${String(r['schedules'])} schedules, a week: ${String(r['occurrences'])} occurrences, ${String(r['bands'])} bands, ${String(r['responseMB'])} MB; first call ${String(r['firstCallMs'])} ms`);
  return lines.join(`\n${' '.repeat(21)}`);
}

interface ApiLine {
  readonly method: string;
  readonly clients: number;
  readonly callsPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly errors: number;
  readonly serverCpuPercent: number;
  readonly serverEventLoopUtilization: number;
}
