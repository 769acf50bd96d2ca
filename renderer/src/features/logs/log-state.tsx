import type { SatelliteView } from '@taskomatic/shared/ipc';
import { SatelliteBadge } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { removalTime, type ViewerState } from './log-states';

export interface LogStateProps {
  readonly state: ViewerState;
  readonly satellite: SatelliteView;
  readonly streams: string;
  readonly endTime?: Date;
  readonly retentionDays?: number;
  readonly message?: string;
  readonly onRetry: () => void;
}

/** What the viewer shows when there is no output to show, in words that say why and what to do. */
export function LogState({ state, satellite, streams, endTime, retentionDays, message, onRetry }: LogStateProps) {
  return (
    <div className={`log-state log-state--${state}`} data-testid="log-state" data-state={state} role={state === 'error' || state === 'offline' ? 'alert' : 'status'}>
      <div className="log-state__text">
        <Body state={state} satellite={satellite} streams={streams} endTime={endTime} retentionDays={retentionDays} message={message} onRetry={onRetry} />
      </div>
    </div>
  );
}

function Body({ state, satellite, streams, endTime, retentionDays, message, onRetry }: LogStateProps) {
  switch (state) {
    case 'loading':
      return (
        <>
          <span className="spinner" aria-hidden="true" /> Reading the end of the log…
        </>
      );
    case 'waiting':
      return (
        <>
          <span className="log-state__pulse" aria-hidden="true" /> <strong>Waiting for the first output.</strong> The run has not written to {streams} yet; it shows here as it comes.
        </>
      );
    case 'empty':
      return (
        <>
          <strong>No output.</strong> The run ended without writing to {streams}.
        </>
      );
    case 'purged':
      return (
        <>
          <strong>This log was removed by the retention setting.</strong> The run ended <TimeText date={endTime} satellite={satellite} />; <SatelliteBadge satellite={satellite} /> keeps runs {retentionDays} days, so it was removed after{' '}
          {endTime && retentionDays !== undefined ? <TimeText date={removalTime(endTime, retentionDays)} satellite={satellite} /> : 'that'}.
        </>
      );
    case 'denied':
      return (
        <>
          <strong>You may not see this log</strong>, or the run no longer exists on <SatelliteBadge satellite={satellite} />. An org admin sees the runs of their org only.
        </>
      );
    case 'offline':
      return (
        <>
          <strong>
            <SatelliteBadge satellite={satellite} dot /> cannot be reached.
          </strong>{' '}
          {sentence(satellite.statusReason ?? message)} The log loads as soon as it answers again.{' '}
          <button type="button" onClick={onRetry}>
            Retry now
          </button>
        </>
      );
    case 'error':
      return (
        <>
          <strong>The log could not be read.</strong> {message}{' '}
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </>
      );
  }
}

/** A reason as a sentence ("closed the connection" → "closed the connection."). */
function sentence(text: string | undefined): string {
  if (!text) return '';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
