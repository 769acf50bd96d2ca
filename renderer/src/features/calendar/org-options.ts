import type { CalendarItem } from './calendar-items';

/** satelliteId → org id → name. */
export type OrgNames = ReadonlyMap<string, ReadonlyMap<number, string>>;

/** An org's name on the item's satellite; the id is worded only while the name is unknown (not read yet). */
export function orgNameOf(names: OrgNames, satelliteId: string, orgId: number | undefined): string | undefined {
  if (orgId === undefined) return undefined;
  return names.get(satelliteId)?.get(orgId) ?? `Org ${orgId}`;
}

/**
 * The sidebar's org choices: each org id seen among the items, named as the satellites name it (ids are per
 * satellite, so one id may carry two names: "demo / ops"), sorted by name.
 */
export function orgOptions(items: ReadonlyArray<CalendarItem>, names: OrgNames): ReadonlyArray<{ readonly id: number; readonly name: string }> {
  const byId = new Map<number, Set<string>>();
  for (const item of items) {
    if (item.orgId === undefined) continue;
    let set = byId.get(item.orgId);
    if (!set) byId.set(item.orgId, (set = new Set()));
    if (set.size < 4) set.add(orgNameOf(names, item.satelliteId, item.orgId)!);
  }
  return [...byId].map(([id, set]) => ({ id, name: [...set].sort().join(' / ') })).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}
