import { spawn } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describeApi } from './api-describe.js';
import { describeCluster } from './cluster-describe.js';
import type { ScenarioResult } from './bench-support.js';

/**
 * `npm run bench`: runs every scenario in a process of its own (or those named on the command line) and
 * prints one JSON object per scenario, then a short table. Numbers are for comparing within one run: these
 * machines are noisy.
 */
const NAMES = ['lateness-10k', 'lateness-100k', 'builtin-runs', 'command-runs', 'log-ingestion', 'footprint-100k', 'api-login', 'api-read', 'api-calendar', 'api-under-load-lateness', 'cluster-runs', 'cluster-lateness'];

async function runScenario(name: string): Promise<ScenarioResult> {
  const runner = fileURLToPath(new URL('./scenario-runner.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', runner, name], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as ScenarioResult);
      else reject(new Error(`scenario ${name} failed (exit ${String(code)})`));
    });
  });
}

function describe(r: ScenarioResult): string {
  const api = describeApi(r);
  if (api !== null) return api;
  const cluster = describeCluster(r);
  if (cluster !== null) return cluster;
  const lateness = r['latenessMs'] as { p50: number; p99: number; max: number } | undefined;
  if (lateness) return `p50 ${lateness.p50} ms, p99 ${lateness.p99} ms, max ${lateness.max} ms over ${String(r['fires'])} fires; start ${String(r['startupMs'])} ms; RSS ${String(r['rssMB'])} MB`;
  if (r['runsPerSecond'] !== undefined) return `${String(r['runsPerSecond'])} runs/s (${String(r['finished'])} runs in ${String(r['seconds'])} s); event loop max ${String(r['eventLoopDelayMaxMs'])} ms`;
  if (r['mbPerSecond'] !== undefined) return `${String(r['mbPerSecond'])} MB/s (${String(r['storedMB'])} MB in ${String(r['seconds'])} s); event loop max ${String(r['eventLoopDelayMaxMs'])} ms`;
  if (r['rssMB'] !== undefined) return `start ${String(r['startupMs'])} ms; RSS ${String(r['rssMB'])} MB; idle CPU ${String(r['idleCpuPercent'])} %`;
  return JSON.stringify(r);
}

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : NAMES;
const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
process.stdout.write(`${JSON.stringify({ scenario: 'machine', ...machine })}\n`);
const results: ScenarioResult[] = [];
for (const name of chosen) {
  try {
    const result = await runScenario(name);
    results.push(result);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ scenario: name, error: (error as Error).message })}\n`);
  }
}
process.stdout.write(`\n${machine.cores} cores, ${machine.cpu}, Node ${machine.node}\n`);
for (const r of results) process.stdout.write(`  ${r.scenario.padEnd(18)} ${describe(r)}\n`);
