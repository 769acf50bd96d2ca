import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { type CommandTaskConfig, commandTaskSchema } from '../runner/command/command-task-config.js';
import { DEFAULT_COMMAND_TASKS } from '../runner/command/default-command-tasks.js';
import { parseDuration } from './duration.js';

/** Where the API listens. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** The server's configuration file, read and checked. Durations are in milliseconds. Frozen. */
export interface ServerConfig {
  /** (default: 127.0.0.1:2829) */
  readonly listen: ListenAddress;
  /** Data folder; the command line's `--data` wins (default: ./taskomatic-data). */
  readonly dataDir: string | null;
  /**
   * A PostgreSQL URL (`postgres://USER@HOST:PORT/DATABASE`) to keep the data in instead of SQLite in the data
   * folder; the command line's `--database` wins (default: null, SQLite).
   */
  readonly database: string | null;
  /** Running tasks get this long to finish when the server stops (default: 30s). */
  readonly stopGrace: number;
  /** Fires are claimed this long before they are due (default: 1s). */
  readonly claimAhead: number;
  /**
   * Several nodes on one PostgreSQL database: a node silent this long is gone, and another takes over its work
   * (default: 20s; at least 2s). A node whose process ended is seen sooner, at the next heartbeat (every
   * quarter of this, at most 5 s).
   */
  readonly nodeTimeout: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Certificate and key files (PEM) for HTTPS; null: plain HTTP (only on loopback, or with --insecure-http). */
  readonly tls: { readonly cert: string; readonly key: string } | null;
  /** Largest API request body accepted (default: 4 MiB). */
  readonly maxRequestBytes: number;
  /** Command tasks: the defaults, changed and extended by the file. */
  readonly tasks: Readonly<Record<string, CommandTaskConfig>>;
}

/** A configuration file that cannot be used, with what is wrong and where. */
export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** `host:port`, `[v6]:port`, or `:port` for loopback. */
export function parseListen(text: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]*)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : Number.NaN;
  if (!match || port < 0 || port > 65535) {
    throw new ConfigError(`listen: '${text}' is not HOST:PORT (e.g. 127.0.0.1:2829)`);
  }
  return { host: match[1] ?? (match[2] || '127.0.0.1'), port };
}

const TASK_NAME = /^[a-z][a-z0-9-]*$/;
const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/i;

const fileSchema = z.strictObject({
  listen: z.string().optional(),
  dataDir: z.string().min(1).optional(),
  database: z.string().regex(POSTGRES_URL, 'a PostgreSQL URL: postgres://USER@HOST:PORT/DATABASE').optional(),
  stopGrace: z.union([z.string(), z.number()]).optional(),
  claimAhead: z.union([z.string(), z.number()]).optional(),
  nodeTimeout: z.union([z.string(), z.number()]).optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
  maxRequestBytes: z.number().int().min(4096).max(256 * 1024 * 1024).optional(),
  tasks: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

/** The configuration when there is no file. */
export const DEFAULT_CONFIG: ServerConfig = Object.freeze({
  listen: Object.freeze({ host: '127.0.0.1', port: 2829 }),
  dataDir: null,
  database: null,
  stopGrace: 30_000,
  claimAhead: 750,
  nodeTimeout: 20_000,
  logLevel: 'info',
  tls: null,
  maxRequestBytes: 4 * 1024 * 1024,
  tasks: DEFAULT_COMMAND_TASKS,
});

/** Reads and checks a configuration file (YAML or JSON). Throws `ConfigError` naming the problem and where. */
export function loadConfigFile(path: string): ServerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the configuration file ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseConfig(text, path);
}

/** Checks configuration text; `source` names it in messages. */
export function parseConfig(text: string, source: string): ServerConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 }) ?? {};
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    throw new ConfigError(`${source}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const file = fileSchema.safeParse(raw);
  if (!file.success) throw new ConfigError(`${source}: ${describeIssues(file.error)}`);
  const f = file.data;
  const tasks: Record<string, CommandTaskConfig> = { ...DEFAULT_COMMAND_TASKS };
  for (const [name, entry] of Object.entries(f.tasks ?? {})) {
    if (!TASK_NAME.test(name)) {
      throw new ConfigError(`${source}: tasks.${name}: a task name is lowercase letters, digits and -, starting with a letter`);
    }
    // A known task's entry changes only what it names: `executable:` alone points a default task at a program.
    const merged = { ...(DEFAULT_COMMAND_TASKS[name] ?? {}), ...entry };
    const parsed = commandTaskSchema.safeParse(merged);
    if (!parsed.success) throw new ConfigError(`${source}: tasks.${name}: ${describeIssues(parsed.error)}`);
    tasks[name] = parsed.data;
  }
  try {
    return Object.freeze({
      listen: f.listen === undefined ? DEFAULT_CONFIG.listen : Object.freeze(parseListen(f.listen)),
      dataDir: f.dataDir ?? null,
      database: f.database ?? null,
      stopGrace: f.stopGrace === undefined ? DEFAULT_CONFIG.stopGrace : parseDuration(f.stopGrace, 'stopGrace'),
      claimAhead: f.claimAhead === undefined ? DEFAULT_CONFIG.claimAhead : parseDuration(f.claimAhead, 'claimAhead'),
      nodeTimeout: f.nodeTimeout === undefined ? DEFAULT_CONFIG.nodeTimeout : nodeTimeout(parseDuration(f.nodeTimeout, 'nodeTimeout')),
      logLevel: f.logLevel ?? DEFAULT_CONFIG.logLevel,
      tls: f.tls ? Object.freeze({ cert: resolvePath(source, f.tls.cert), key: resolvePath(source, f.tls.key) }) : null,
      maxRequestBytes: f.maxRequestBytes ?? DEFAULT_CONFIG.maxRequestBytes,
      tasks: Object.freeze(tasks),
    });
  } catch (error) {
    throw new ConfigError(`${source}: ${(error as Error).message}`, { cause: error });
  }
}

/** A path from the configuration file, relative to the file's folder when not absolute. */
function resolvePath(source: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dirname(source), path);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        return `${path ? `${path}: ` : ''}unknown setting ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
      }
      return `${path ? `${path}: ` : ''}${issue.message}`;
    })
    .join('; ');
}

/** A node timeout: shorter than two seconds, a busy node would be declared gone by mistake. */
export function nodeTimeout(ms: number): number {
  if (ms < 2000) throw new ConfigError(`nodeTimeout: at least 2s (a busy node must not be taken for gone), not ${ms} ms`);
  return ms;
}
