import type { SatelliteView } from '@taskomatic/shared/ipc';
import type { SatelliteSlice } from '../lib/per-satellite';
import { formatInstant, MY_ZONE } from '../lib/time-format';

/**
 * "4 of 5 satellites answered · sat-3 offline (as of 10:42) · Retry": what a view merged from several satellites
 * is missing. Nothing is shown when every satellite answered.
 */
export function PartialNotice({ satellites, slices, onRetry }: { satellites: ReadonlyArray<SatelliteView>; slices: Readonly<Record<string, SatelliteSlice<unknown> | undefined>>; onRetry?: () => void }) {
  const answered = satellites.filter((satellite) => slices[satellite.id]?.status === 'ready');
  const loading = satellites.filter((satellite) => !slices[satellite.id] || slices[satellite.id]?.status === 'loading');
  const failed = satellites.filter((satellite) => slices[satellite.id]?.status === 'error');
  if (answered.length === satellites.length || satellites.length === 0) return null;
  return (
    <div className="partial-notice" role="status" data-testid="partial-notice">
      <span>
        {answered.length} of {satellites.length} satellites answered
      </span>
      {loading.map((satellite) => (
        <span key={satellite.id}> · {satellite.name} still loading</span>
      ))}
      {failed.map((satellite) => {
        const slice = slices[satellite.id];
        return (
          <span key={satellite.id} title={slice?.error?.message}>
            {' '}
            · {satellite.name} {slice?.error?.kind === 'offline' ? 'offline' : 'failed'}
            {slice?.asOf ? ` (as of ${formatInstant(slice.asOf, MY_ZONE, 'time')})` : ''}
          </span>
        );
      })}
      {onRetry && failed.length > 0 && (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
