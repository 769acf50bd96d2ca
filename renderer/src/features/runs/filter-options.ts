import type { OrgInfo } from '@taskomatic/shared';

/** A schedule offered by the schedule filter. */
export interface ScheduleOption {
  readonly satelliteId: string;
  readonly id: number;
  readonly label: string;
  readonly bunch: string;
  readonly ended: boolean;
}

/** What one satellite offers the filter bar (each part empty when its call failed). */
export interface SatelliteOptions {
  readonly tasks: ReadonlyArray<string>;
  readonly bunches: ReadonlyArray<string>;
  readonly orgs: ReadonlyArray<OrgInfo>;
  readonly schedules: ReadonlyArray<Omit<ScheduleOption, 'satelliteId'>>;
}

/** The choices of the filter bar across satellites: names once each, in order; schedules by satellite, then label. */
export interface FilterOptions {
  readonly tasks: ReadonlyArray<string>;
  readonly bunches: ReadonlyArray<string>;
  /** Org names: the same org has a different id on each satellite. */
  readonly orgs: ReadonlyArray<string>;
  readonly schedules: ReadonlyArray<ScheduleOption>;
  /** Org names by satellite and org id, for rows. */
  readonly orgNames: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

const sortedUnique = (names: Iterable<string>): ReadonlyArray<string> => [...new Set(names)].sort((a, b) => a.localeCompare(b));

/** Combines what each satellite offers, in the order the satellites are given. */
export function combineOptions(bySatellite: ReadonlyArray<readonly [string, SatelliteOptions]>): FilterOptions {
  return {
    tasks: sortedUnique(bySatellite.flatMap(([, options]) => options.tasks)),
    bunches: sortedUnique(bySatellite.flatMap(([, options]) => options.bunches)),
    orgs: sortedUnique(bySatellite.flatMap(([, options]) => options.orgs.map((org) => org.name))),
    schedules: bySatellite.flatMap(([satelliteId, options]) =>
      [...options.schedules].sort((a, b) => a.label.localeCompare(b.label)).map((schedule) => ({ ...schedule, satelliteId })),
    ),
    orgNames: new Map(bySatellite.map(([satelliteId, options]) => [satelliteId, new Map(options.orgs.map((org) => [org.id, org.name]))])),
  };
}
