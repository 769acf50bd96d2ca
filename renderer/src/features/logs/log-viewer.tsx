import type { SatelliteView } from '@taskomatic/shared/ipc';

/** What the log viewer shows: one task run's output on one satellite. */
export interface LogViewerProps {
  readonly satellite: SatelliteView;
  /** The task run (a step of a bunch run): `RunInfo.id`. */
  readonly taskRunId: number;
  /** True while the run is under way: the viewer follows new output. */
  readonly live: boolean;
  /** A line range to highlight and scroll to (from a line link), 1-based, inclusive. */
  readonly lines?: { readonly from: number; readonly to: number };
  /** Builds the link of a line range (the run detail knows the route). */
  readonly linkOfLines?: (from: number, to: number) => string;
}

/** (Being built.) */
export function LogViewer(props: LogViewerProps) {
  return <div className="log-viewer">Log of run {props.taskRunId}</div>;
}
