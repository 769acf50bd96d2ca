import { timeZoneOffset, wallTimeToInstant } from '@taskomatic/shared';
import type { ClientArgs } from '@taskomatic/shared/ipc';

/** The audit trail's filters as the URL keeps them (`#/admin/audit?sat=…&actor=bob&type=user&from=…`). */
export interface AuditFilter {
  readonly actor?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  /** ISO instants: the URL means the same moment whatever zone the viewer displays. */
  readonly from?: string;
  readonly to?: string;
}

/** What audit.list takes. */
export type AuditApiFilter = ClientArgs<'audit.list'>[0];

/** The kinds of target the server records (free text is accepted too). */
export const TARGET_TYPES: ReadonlyArray<string> = ['schedule', 'bunch', 'user', 'org', 'settings'];

const QUERY_KEYS = { actor: 'actor', targetType: 'type', targetId: 'target', from: 'from', to: 'to' } as const satisfies Record<keyof AuditFilter, string>;

/** The filter in a route's query; unknown or empty values are left out, dates that do not parse too. */
export function auditFilterFromQuery(query: Readonly<Record<string, string>>): AuditFilter {
  const text = (key: string) => query[key]?.trim() || undefined;
  const instant = (key: string) => {
    const value = text(key);
    return value !== undefined && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
  };
  return compact({ actor: text(QUERY_KEYS.actor), targetType: text(QUERY_KEYS.targetType), targetId: text(QUERY_KEYS.targetId), from: instant(QUERY_KEYS.from), to: instant(QUERY_KEYS.to) });
}

/** The query of a filter (merge it with the route's other keys). */
export function auditFilterToQuery(filter: AuditFilter): Record<string, string | undefined> {
  return { [QUERY_KEYS.actor]: filter.actor, [QUERY_KEYS.targetType]: filter.targetType, [QUERY_KEYS.targetId]: filter.targetId, [QUERY_KEYS.from]: filter.from, [QUERY_KEYS.to]: filter.to };
}

/** The filter as audit.list takes it. */
export function auditApiFilter(filter: AuditFilter): AuditApiFilter {
  return compact({ actor: filter.actor, targetType: filter.targetType, targetId: filter.targetId, from: filter.from ? new Date(filter.from) : undefined, to: filter.to ? new Date(filter.to) : undefined });
}

/** Why a filter cannot be asked, or undefined when it can. */
export function auditFilterProblem(filter: AuditFilter): string | undefined {
  if (filter.from && filter.to && Date.parse(filter.from) >= Date.parse(filter.to)) return '"From" must be before "to"';
  return undefined;
}

/** True when some filter is set. */
export function isFiltered(filter: AuditFilter): boolean {
  return Object.values(filter).some((value) => value !== undefined);
}

/** A `datetime-local` input's value (`2026-11-28T14:05`) read on the wall clock of `zone`, as an ISO instant. */
export function wallInputToIso(value: string, zone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(wallTimeToInstant(zone, Date.UTC(year, month - 1, day, hour, minute))).toISOString();
}

/** An ISO instant as a `datetime-local` input shows it on the wall clock of `zone`. */
export function isoToWallInput(iso: string | undefined, zone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  return new Date(instant + timeZoneOffset(zone, instant)).toISOString().slice(0, 16);
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
