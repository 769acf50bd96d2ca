import { hashOf } from '../../stores/router-store';

/**
 * The route of a run's detail, at a step (a task run id) and lines of its log, in a stream (stdout unless said):
 * `#/runs/<satellite>/<run>?step=&lines=120-140&stream=stderr`.
 */
export function runHash(satelliteId: string, bunchRunId: number, step?: number, lines?: string, stream?: 'stdout' | 'stderr'): string {
  return hashOf(['runs', satelliteId, bunchRunId], { step, lines, stream: stream === 'stderr' ? stream : undefined });
}

let lastHistory = '#/runs';

/** Run history remembers its filters here, so "back to run history" from a run returns to the same list. */
export function rememberHistory(query: Readonly<Record<string, string | undefined>>): void {
  lastHistory = hashOf(['runs'], query);
}

/** Run history as it was last shown (no filters when it was not shown yet). */
export function historyHash(): string {
  return lastHistory;
}
