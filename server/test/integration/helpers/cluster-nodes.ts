import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ApiClient, type Session } from '../../api/api-client.js';
import { tempDataDir } from '../../support/harness.js';
import { CliProcess } from './cli.js';
import { WORK, type WorkKind } from './cluster-plan.js';
import { integrationFixture } from './poll.js';
import { killGroup, listProcesses, liveProcessesWithArg } from './processes.js';

/**
 * The nodes of the cluster test: real `taskomatic-server start` processes on one PostgreSQL database, each
 * with its own data folder, port (48000-48999) and configuration. The configurations differ only in the
 * marker their commands carry, so the test can find (and kill) the commands of one node.
 */

export const ADMIN = 'admin';
export const ADMIN_PASSWORD = 'cluster-admin-password';

/** What every node is started with. */
export interface ClusterOptions {
  readonly databaseUrl: string;
  /** Written where the commands trace their executions (cluster-work.sh). */
  readonly tracesDir: string;
  /** `--node-timeout` (e.g. `10s`). */
  readonly nodeTimeout: string;
}

/** One node: its process, folder and port. */
export class ClusterNode {
  readonly name: string;
  readonly port: number;
  /** In the argument list of each command this node runs. */
  readonly token: string;
  readonly dataDir: string;
  readonly configFile: string;
  readonly #removeDir: () => void;
  #cli: CliProcess | null = null;

  constructor(name: string, port: number, options: ClusterOptions) {
    this.name = name;
    this.port = port;
    this.token = `cluster-${name}-${randomBytes(4).toString('hex')}`;
    const folder = tempDataDir(`taskomatic-${name}-`);
    this.dataDir = folder.path;
    this.#removeDir = folder.remove;
    this.configFile = join(folder.path, 'taskomatic.yaml');
    writeFileSync(this.configFile, nodeConfig(options.tracesDir, this.token));
    writeFileSync(join(folder.path, 'admin-password'), `${ADMIN_PASSWORD}\n`);
  }

  /** Starts the process (see `started`). */
  start(options: ClusterOptions): CliProcess {
    this.#cli = new CliProcess([
      'start',
      '--data',
      this.dataDir,
      '--database',
      options.databaseUrl,
      '--config',
      this.configFile,
      '--listen',
      `127.0.0.1:${this.port}`,
      '--node-timeout',
      options.nodeTimeout,
      '--admin-password-file',
      join(this.dataDir, 'admin-password'),
    ]);
    return this.#cli;
  }

  get cli(): CliProcess {
    if (!this.#cli) throw new Error(`${this.name} was not started`);
    return this.#cli;
  }

  get pid(): number {
    return this.cli.pid;
  }

  /** An XML-RPC client of this node, logged in as the satellite admin. */
  async login(): Promise<Session> {
    const client = new ApiClient({ host: '127.0.0.1', port: this.port });
    return client.as(await client.call<string>('auth.login', ADMIN, ADMIN_PASSWORD));
  }

  /** `GET /health`: its HTTP status and JSON body. */
  health(): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: this.port, path: '/health', method: 'GET', agent: false, timeout: 5_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
          } catch (error) {
            reject(new Error(`${this.name} /health answered ${res.statusCode} with something that is not JSON: ${text.slice(0, 200)}`, { cause: error }));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${this.name} /health did not answer within 5 s`)));
      req.on('error', reject);
      req.end();
    });
  }

  /** Kills the node and whatever commands it left (cleanup; nothing to wait for when it was never started). */
  async dispose(): Promise<void> {
    await this.#cli?.kill();
    for (const p of liveProcessesWithArg(this.token)) killGroup(p.pgid);
    this.#removeDir();
  }
}

/** The configuration of one node: the test's three command tasks, their commands marked with `token`. */
function nodeConfig(tracesDir: string, token: string): string {
  const script = integrationFixture('cluster-work.sh');
  const task = (kind: WorkKind, description: string): string => {
    const { task: name, seconds, parallelizable } = WORK[kind];
    return [
      `  ${name}:`,
      `    description: ${description}`,
      '    executable: /bin/sh',
      `    args: [${[literal(script), literal(tracesDir), '{tag}', String(seconds), token].map((a) => JSON.stringify(a)).join(', ')}]`,
      '    parameters:',
      "      tag: { type: string, required: true, pattern: '[a-z0-9-]{1,40}' }",
      '    timeout: 60s',
      '    killGrace: 1s',
      `    parallelizable: ${parallelizable}`,
    ].join('\n');
  };
  return [
    'stopGrace: 2s',
    'tasks:',
    task('work', 'A second and a half of work, traced'),
    task('serial', 'A quarter second of work that is never done twice at once, traced'),
    task('slow', 'Three seconds of work, longer than its schedules period, traced'),
    '',
  ].join('\n');
}

/** A path as an argument template element: braces doubled (arg-template.ts). */
function literal(text: string): string {
  return text.replace(/[{}]/g, (brace) => brace + brace);
}

/** `count` distinct free TCP ports on 127.0.0.1 in 48000-48999 (free when looked at). */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  const tried = new Set<number>();
  while (ports.length < count) {
    if (tried.size >= 1000) throw new Error('no free port in 48000-48999');
    const port = 48000 + Math.floor(Math.random() * 1000);
    if (tried.has(port)) continue;
    tried.add(port);
    if (await isFree(port)) ports.push(port);
  }
  return ports;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The instants of losing a node. */
export interface NodeLoss {
  /** When the node was frozen (SIGSTOP): from then on it did nothing. */
  readonly frozenAt: number;
  /** When its commands were all gone. */
  readonly commandsKilledAt: number;
  /** When it was killed (SIGKILL): its database sessions end then. */
  readonly killedAt: number;
  /** How many commands (process groups) it had running. */
  readonly commands: number;
}

/**
 * Loses a node the way a machine is lost: everything it runs stops at one moment. The node is frozen
 * (SIGSTOP, so it starts nothing more and writes nothing more), its commands are killed (they lead their own
 * process groups and would outlive it), `whileFrozen` looks at the database (what the node left is final by
 * then: what it had not committed is rolled back when it dies), then the node is killed with SIGKILL.
 */
export async function loseNode(node: ClusterNode, whileFrozen: () => Promise<void>): Promise<NodeLoss> {
  const serverPid = node.pid;
  const frozenAt = Date.now();
  process.kill(serverPid, 'SIGSTOP');
  const commands = await killCommandsOf(serverPid, node.token);
  const commandsKilledAt = Date.now();
  await whileFrozen();
  node.cli.child.kill('SIGKILL');
  const exit = await node.cli.exited;
  if (exit.signal !== 'SIGKILL') throw new Error(`${node.name} ended with ${JSON.stringify(exit)}, not by SIGKILL`);
  return { frozenAt, commandsKilledAt, killedAt: Date.now(), commands };
}

/**
 * Kills the commands of a frozen server: the processes carrying its marker and its direct children (one
 * spawned a moment before the freeze may not have its final argument list yet), each with its process group
 * when it leads one. Never the group of the server or of this test. Returns how many groups were killed.
 */
async function killCommandsOf(serverPid: number, token: string): Promise<number> {
  const spared = new Set([serverPid, process.pid]);
  const sparedGroups = new Set(listProcesses().filter((p) => spared.has(p.pid)).map((p) => p.pgid));
  const killed = new Set<number>();
  for (let round = 0; round < 50; round++) {
    const victims = listProcesses().filter((p) => p.state !== 'Z' && !spared.has(p.pid) && (p.argv.includes(token) || p.ppid === serverPid));
    if (victims.length === 0) return killed.size;
    for (const victim of victims) {
      if (victim.pgid === victim.pid && !sparedGroups.has(victim.pgid)) {
        killGroup(victim.pgid);
        killed.add(victim.pgid);
      } else {
        try {
          process.kill(victim.pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the commands of the server ${serverPid} would not die`);
}

/**
 * The nodes `/health` lists, as this test reads it: `{ cluster: { nodes: [{ id, alive, clockOffsetMs, ... }] } }`.
 * (The one place that knows the shape of the cluster part of /health.)
 */
export function clusterNodesOf(body: unknown): Array<{ id: string; alive: boolean; clockOffsetMs: unknown }> {
  const nodes = (body as { cluster?: { nodes?: unknown } } | null)?.cluster?.nodes;
  if (!Array.isArray(nodes)) throw new Error(`/health has no cluster.nodes list: ${JSON.stringify(body).slice(0, 500)}`);
  return nodes.map((n: { id?: unknown; alive?: unknown; clockOffsetMs?: unknown }) => {
    if (typeof n?.id !== 'string' || typeof n.alive !== 'boolean') throw new Error(`/health lists a node without id or alive: ${JSON.stringify(n)}`);
    return { id: n.id, alive: n.alive, clockOffsetMs: n.clockOffsetMs };
  });
}
