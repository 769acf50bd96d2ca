import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * The API benchmarks' load generator, run as a process of its own (`node api-load.js`, the spec as JSON on
 * stdin) so that it never shares an event loop with the server it measures. `concurrency` clients each send
 * one call, wait for the whole answer, and send the next, over keep-alive connections (one per client).
 * Calls started during the warm-up are not measured; calls started in the measured window are, to their end
 * (the window closes to new calls, the ones in flight finish). It prints `{"phase":"measure"}` and
 * `{"phase":"drain"}` when the window opens and closes (so the server side can measure its CPU over the same
 * span), then one `{"phase":"done","report":...}` line.
 */
export interface LoadSpec {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** The request bodies: client i sends `bodies[i % bodies.length]` every time (e.g. one session key each). */
  readonly bodies: ReadonlyArray<string>;
}

export interface LatencyMs {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export interface LoadReport {
  /** Calls started in the measured window. */
  readonly calls: number;
  /** Calls that ended in the measured window, per second of it. */
  readonly callsPerSecond: number;
  readonly seconds: number;
  readonly latencyMs: LatencyMs;
  /** Calls of the window that got an HTTP error, a fault or a broken connection. */
  readonly errors: number;
  readonly errorSamples: ReadonlyArray<string>;
  readonly warmupCalls: number;
  readonly warmupErrors: number;
  /** Mean response body size. */
  readonly responseBytes: number;
  /** CPU the generator itself used over the window, % of one core. */
  readonly loadCpuPercent: number;
}

interface Answer {
  readonly ok: boolean;
  readonly problem: string | null;
  readonly bytes: number;
}

const HEAD_BYTES = 2048;

function post(agent: Agent, spec: LoadSpec, body: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: Answer): void => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const req = request(
      {
        host: spec.host,
        port: spec.port,
        path: spec.path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/xml', 'content-length': body.length },
      },
      (res) => {
        let head = '';
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          if (head.length < HEAD_BYTES) head += chunk.toString('latin1', 0, Math.min(chunk.length, HEAD_BYTES - head.length));
          bytes += chunk.length;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) settle({ ok: false, problem: `HTTP ${String(res.statusCode)}: ${head.slice(0, 200)}`, bytes });
          // A fault is the first thing after <methodResponse>: never past the head.
          else if (head.includes('<fault>')) settle({ ok: false, problem: faultText(head), bytes });
          else settle({ ok: true, problem: null, bytes });
        });
        res.on('error', (error) => settle({ ok: false, problem: error.message, bytes }));
      },
    );
    req.on('error', (error) => settle({ ok: false, problem: error.message, bytes: 0 }));
    req.end(body);
  });
}

function faultText(head: string): string {
  const code = /<name>faultCode<\/name>\s*<value>\s*<(?:int|i4)>(-?\d+)</.exec(head)?.[1] ?? '?';
  const message = /<name>faultString<\/name>\s*<value>\s*(?:<string>)?([^<]*)/.exec(head)?.[1] ?? '';
  return `fault ${code}: ${message.slice(0, 200)}`;
}

function latency(values: number[]): LatencyMs {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): number => (sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number));
  const round = (n: number): number => Math.round(n * 100) / 100;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { p50: round(at(50)), p90: round(at(90)), p99: round(at(99)), max: round(sorted.at(-1) ?? Number.NaN), mean: round(sum / Math.max(1, sorted.length)) };
}

function say(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export async function generateLoad(spec: LoadSpec): Promise<LoadReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency, maxFreeSockets: spec.concurrency });
  const bodies = spec.bodies.map((b) => Buffer.from(b, 'utf8'));
  const t0 = performance.now();
  const measureFrom = t0 + spec.warmupMs;
  const measureTo = measureFrom + spec.durationMs;
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let completedInWindow = 0;
  let warmupCalls = 0;
  let warmupErrors = 0;
  let bytes = 0;
  let cpuAtStart = process.cpuUsage();
  let cpu: NodeJS.CpuUsage = { user: 0, system: 0 };
  let phase: 'warm-up' | 'measure' | 'drain' = 'warm-up';
  const open = (): void => {
    if (phase !== 'warm-up') return;
    phase = 'measure';
    cpuAtStart = process.cpuUsage();
    say({ phase });
  };
  const close = (): void => {
    open();
    if (phase !== 'measure') return;
    phase = 'drain';
    cpu = process.cpuUsage(cpuAtStart);
    say({ phase });
  };
  const opened = setTimeout(open, spec.warmupMs);
  const closed = setTimeout(close, spec.warmupMs + spec.durationMs);

  const client = async (index: number): Promise<void> => {
    const body = bodies[index % bodies.length] as Buffer;
    for (;;) {
      const start = performance.now();
      if (start >= measureTo) return;
      const answer = await post(agent, spec, body);
      const end = performance.now();
      if (end >= measureFrom && end < measureTo) completedInWindow += 1;
      if (start >= measureFrom) {
        latencies.push(end - start);
        bytes += answer.bytes;
        if (!answer.ok) {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(`at ${Math.round(end - t0)} ms: ${answer.problem ?? 'error'}`);
        }
      } else {
        warmupCalls += 1;
        if (!answer.ok) {
          warmupErrors += 1;
          if (errorSamples.length < 5) errorSamples.push(`warm-up, at ${Math.round(end - t0)} ms: ${answer.problem ?? 'error'}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, (_, i) => client(i)));
  clearTimeout(opened);
  clearTimeout(closed);
  // The last call may end a hair before the timer: the window is closed either way.
  close();
  agent.destroy();
  const seconds = spec.durationMs / 1000;
  return {
    calls: latencies.length,
    callsPerSecond: Math.round((completedInWindow / seconds) * 10) / 10,
    seconds,
    latencyMs: latency(latencies),
    errors,
    errorSamples,
    warmupCalls,
    warmupErrors,
    responseBytes: Math.round(bytes / Math.max(1, latencies.length)),
    loadCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / spec.durationMs) * 1000) / 10,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (process.argv[1]?.endsWith('api-load.js')) {
  readStdin()
    .then((text) => generateLoad(JSON.parse(text) as LoadSpec))
    .then(
      (report) => {
        say({ phase: 'done', report });
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
      },
    );
}
