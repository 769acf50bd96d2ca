import type { AuditEntryInfo } from '@taskomatic/shared';

/** One entry of a trail merged across satellites. */
export interface FleetAuditEntry {
  readonly satelliteId: string;
  readonly entry: AuditEntryInfo;
}

/**
 * The satellites' audit trails as one, newest first, cut at `limit` (each satellite answered its own newest page).
 * Entries at the same instant keep a stable order: satellite, then the satellite's own id, newest first.
 */
export function mergeAudit(trails: ReadonlyArray<readonly [string, ReadonlyArray<AuditEntryInfo>]>, limit: number): ReadonlyArray<FleetAuditEntry> {
  const all: FleetAuditEntry[] = [];
  for (const [satelliteId, entries] of trails) for (const entry of entries) all.push({ satelliteId, entry });
  all.sort((a, b) => b.entry.at.getTime() - a.entry.at.getTime() || a.satelliteId.localeCompare(b.satelliteId) || b.entry.id - a.entry.id);
  return all.slice(0, limit);
}
