import type { ArgsOf } from '@taskomatic/shared';
import { wallClock } from '../zone-clock';

// The pure part of Ctrl+drop onto another satellite's lane: a copy is a new one-time schedule there, of the same
// bunch and params, at the dropped instant. What is decided here needs no I/O: the caller brings the target's
// bunches and orgs (as that satellite lists them to this user).

/** The schedule copied, as read when the drag began. */
export interface CopySource {
  readonly label: string;
  readonly bunch: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The org's name; absent for satellite-level work. */
  readonly org?: string;
  /** The schedule's zone: the copy keeps it, and its label's time is read there. */
  readonly timeZone: string;
}

/** The satellite copied to, as this user sees it. */
export interface CopyTarget {
  readonly name: string;
  /** Undefined: not signed in there. */
  readonly role: 'sat-admin' | 'org-admin' | undefined;
  readonly bunches: ReadonlyArray<string>;
  readonly orgs: ReadonlyArray<{ readonly id: number; readonly name: string }>;
}

export type CopyRequest = ArgsOf<'schedules.create'>[0];

export type CopyPlan = { readonly ok: true; readonly request: CopyRequest } | { readonly ok: false; readonly reason: string };

/** Why a copy to a satellite where the user is `role` at `target` cannot happen, known while dragging; else null. */
export function copyRefusal(target: number, now: number, satelliteLevel: boolean, role: 'sat-admin' | 'org-admin' | undefined, name: string): string | null {
  if (role === undefined) return `Not signed in to ${name}: it cannot take a copy.`;
  if (satelliteLevel && role === 'org-admin') return `You may not copy satellite-level work to ${name}.`;
  if (target <= now) return 'That time has passed: a copy must run later.';
  return null;
}

/** `<label>-copy-<yyyymmdd-hhmm>`, the time on the schedule's wall clock. */
export function copyLabel(label: string, at: number, zone: string): string {
  const wall = wallClock(at, zone);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${label}-copy-${wall.year}${two(wall.month)}${two(wall.day)}-${two(wall.hour)}${two(wall.minute)}`;
}

/** The `schedules.create` request for the copy, or why it cannot be made on that satellite. */
export function copyPlan(source: CopySource, target: CopyTarget, at: number, now: number): CopyPlan {
  const refusal = copyRefusal(at, now, source.org === undefined, target.role, target.name);
  if (refusal !== null) return { ok: false, reason: refusal };
  if (!target.bunches.includes(source.bunch)) return { ok: false, reason: `${target.name} has no bunch ${source.bunch}.` };
  let orgId: number | undefined;
  if (source.org !== undefined) {
    orgId = target.orgs.find((org) => org.name === source.org)?.id;
    if (orgId === undefined) return { ok: false, reason: `${target.name} has no org ${source.org}.` };
  }
  const request: CopyRequest = { label: copyLabel(source.label, at, source.timeZone), bunch: source.bunch, runAt: new Date(at), timeZone: source.timeZone, params: { ...source.params }, ...(orgId === undefined ? {} : { orgId }) };
  return { ok: true, request };
}
