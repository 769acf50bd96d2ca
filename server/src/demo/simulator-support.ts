/**
 * What the demo simulators share: reading their arguments, pacing their work, writing log lines. The simulators
 * stand in for Spacewalk's programs in demo mode, so that a fresh server has runs with realistic output
 * (progress, warnings, failures, cancels) without a satellite behind it.
 */
import type { ParseArgsConfig } from 'node:util';

/** Speed factor of a simulator: `--speed N` or TASKOMATIC_SIMULATOR_SPEED (default: 1, about five seconds a run). */
export interface Pace {
  /** Waits `ms` divided by the speed factor. */
  pause(ms: number): Promise<void>;
}

/** Options every simulator takes besides its own: `--fail` to fail on purpose, `--speed N`. */
export const COMMON_OPTIONS = {
  fail: { type: 'boolean', default: false },
  speed: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Reads the arguments with `parseArgs`, or explains the usage on stderr and exits with code 2 as tools do. */
export function readArguments<T>(parse: (args: string[]) => T, usage: string): T {
  try {
    return parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: ${usage}\n`);
    process.exit(2);
  }
}

/** The pace of this run; exits with code 2 when the speed is not a positive number. */
export function paceOf(speedOption: string | undefined): Pace {
  const text = speedOption ?? process.env['TASKOMATIC_SIMULATOR_SPEED'] ?? '1';
  const speed = Number(text);
  if (!Number.isFinite(speed) || speed <= 0) {
    process.stderr.write(`invalid speed ${JSON.stringify(text)}: expected a positive number\n`);
    process.exit(2);
  }
  return { pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms / speed)) };
}

// ANSI colours, as the real tools print them on a terminal; NO_COLOR (no-color.org) turns them off.
const useColour = process.env['NO_COLOR'] === undefined;
const paint =
  (code: number) =>
  (text: string): string =>
    useColour ? `\u001b[${code}m${text}\u001b[0m` : text;
export const colour = { red: paint(31), green: paint(32), yellow: paint(33), bold: paint(1) } as const;

/** Writes one line to stdout (`out`) or stderr (`err`), prefixed as the simulated tool does. */
export function logger(prefix: () => string) {
  return {
    out: (text: string): void => void process.stdout.write(`${prefix()}${text}\n`),
    err: (text: string): void => void process.stderr.write(`${prefix()}${text}\n`),
  };
}

/** Says why it stops when cancelled, then exits as a program killed by SIGTERM would (128 + 15). */
export function stopOnTerm(): void {
  process.once('SIGTERM', () => {
    process.stderr.write('Received SIGTERM, stopping; the channel stays as it was before this run\n');
    process.exit(143);
  });
}

/** A repeatable random generator seeded by a text (the channel), so a channel always gives the same story. */
export function seededRandom(seed: string): (below: number) => number {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  return (below) => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

const PACKAGES = ['kernel-default', 'glibc', 'openssl-3', 'systemd', 'bash', 'curl', 'libxml2-2', 'openssh'];
const MORE_PACKAGES = ['sudo', 'vim', 'python3', 'zypper', 'rpm', 'libzypp', 'tar', 'gzip', 'util-linux', 'dbus-1'];

/** A plausible package file name. */
export function packageName(random: (below: number) => number): string {
  const names = [...PACKAGES, ...MORE_PACKAGES];
  const name = names[random(names.length)] ?? 'bash';
  const version = `${1 + random(5)}.${random(30)}.${random(12)}`;
  return `${name}-${version}-150500.${random(60)}.${1 + random(9)}.x86_64.rpm`;
}

/** Elapsed time as Spacewalk prints it, `0:00:05`. */
export function elapsed(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}
