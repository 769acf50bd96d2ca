import { occurrences, parseCron } from '@taskomatic/shared/schedule';
import { useMemo } from 'react';
import { desktopApi } from '../../api';
import { expectedDurationMs, findCollisions, type CalendarSchedule, type Collision } from './collisions';
import type { EditorCatalog } from './use-editor-catalog';
import { useLoad } from './use-load';

/** How far ahead collisions are looked for (UX.md: the next 14 days). */
export const COLLISION_WINDOW_MS = 14 * 86_400_000;
/** A run's assumed length when no run of the bunch has finished yet (default: 5 min). */
const ASSUMED_MS = 5 * 60_000;

export interface CollisionCheck {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly collisions: ReadonlyArray<Collision>;
  /** How long a run of this schedule is taken to last, and whether that is a guess rather than a median of past runs. */
  readonly durationMs: number;
  readonly assumed: boolean;
  readonly error?: string;
}

/**
 * Collisions of the schedule being edited with other schedules' runs of the same non-parallelizable task in the
 * next 14 days: the others' fires and expected durations come from the server's calendar (one call per satellite
 * and editor), mine from the same shared cron code the server fires with.
 */
export function useCollisions(satelliteId: string | undefined, catalog: EditorCatalog | undefined, draft: { readonly bunch: string; readonly kind: 'cron' | 'once'; readonly cron: string; readonly timeZone: string; readonly runAt?: Date }, cronValid: boolean, scheduleId: number | undefined): CollisionCheck {
  const calendar = useLoad<ReadonlyArray<CalendarSchedule>>(satelliteId, async () => {
    const from = new Date();
    const answer = await desktopApi().call(satelliteId as string, 'calendar.range', { from, to: new Date(from.getTime() + COLLISION_WINDOW_MS) });
    return answer.schedules;
  });
  const { bunch, kind, cron, timeZone, runAt } = draft;
  return useMemo((): CollisionCheck => {
    const none = { collisions: [], durationMs: ASSUMED_MS, assumed: true };
    if (calendar.status === 'error') return { status: 'error', ...none, error: calendar.error?.message ?? 'calendar unavailable' };
    if (!calendar.data || !catalog || !bunch) return { status: calendar.status === 'loading' ? 'loading' : 'idle', ...none };
    const now = Date.now();
    let fires: number[] = [];
    if (kind === 'once') fires = runAt ? [runAt.getTime()] : [];
    else if (cronValid) {
      try {
        fires = occurrences(parseCron(cron), timeZone, now, now + COLLISION_WINDOW_MS, 20_000).times;
      } catch {
        fires = [];
      }
    }
    const expected = expectedDurationMs(bunch, calendar.data, scheduleId);
    const durationMs = expected ?? ASSUMED_MS;
    const collisions = findCollisions({
      fires,
      durationMs,
      bunch,
      ...(scheduleId !== undefined ? { scheduleId } : {}),
      others: calendar.data,
      bunchTasks: new Map(catalog.bunches.map((item) => [item.name, item.steps.map((step) => step.task)])),
      exclusive: new Set(catalog.tasks.filter((task) => !task.parallelizable).map((task) => task.name)),
      fallbackMs: ASSUMED_MS,
    });
    return { status: 'ready', collisions, durationMs, assumed: expected === undefined };
  }, [calendar.status, calendar.data, calendar.error, catalog, bunch, kind, cron, timeZone, runAt?.getTime(), cronValid, scheduleId]);
}
