import type { ScheduleInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import type { SatelliteSlice } from './per-satellite';
import type { PaletteCommand } from './palette-match';
import type { DisplayZone } from '../stores/preferences-store';

/** What the palette's commands act through. */
export interface PaletteContext {
  readonly screens: ReadonlyArray<{ readonly path: string; readonly label: string }>;
  readonly satellites: ReadonlyArray<SatelliteView>;
  /** The schedules loaded so far, by satellite (the palette never loads anything itself). */
  readonly schedules: Readonly<Record<string, SatelliteSlice<ReadonlyArray<ScheduleInfo>> | undefined>>;
  navigate(segments: ReadonlyArray<string | number>, query?: Readonly<Record<string, string>>): void;
  setDisplayZone(zone: DisplayZone): void;
}

/** The palette's commands: screens, actions, display zones, and every loaded schedule of every satellite. */
export function paletteCommands(context: PaletteContext): PaletteCommand[] {
  const commands: PaletteCommand[] = context.screens.map((screen) => ({ id: `go:${screen.path}`, title: `Go to ${screen.label}`, run: () => context.navigate(screen.path ? [screen.path] : []) }));
  commands.push(
    { id: 'new-schedule', title: 'New schedule', run: () => context.navigate(['schedules', 'new']) },
    { id: 'add-satellite', title: 'Add satellite', run: () => context.navigate(['satellites']) },
    { id: 'zone:mine', title: 'Show times in my zone', run: () => context.setDisplayZone('mine') },
    { id: 'zone:satellite', title: "Show times in each satellite's zone", run: () => context.setDisplayZone('satellite') },
    { id: 'zone:utc', title: 'Show times in UTC', run: () => context.setDisplayZone('utc') },
  );
  for (const satellite of context.satellites) {
    for (const schedule of context.schedules[satellite.id]?.data ?? []) {
      commands.push({
        id: `schedule:${satellite.id}:${schedule.id}`,
        title: schedule.label,
        detail: `Schedule · ${satellite.name} · ${schedule.bunch}`,
        run: () => context.navigate(['schedules', satellite.id, schedule.id]),
      });
    }
  }
  return commands;
}
