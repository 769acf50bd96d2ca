import type { IpcErrorInfo, SatelliteView } from '@taskomatic/shared/ipc';
import type { SatelliteSlice } from '../lib/per-satellite';
import { formatInstant, MY_ZONE } from '../lib/time-format';
import { isReachable } from '../stores/satellites-store';

/**
 * "4 of 5 satellites answered · sat-3 offline (as of 10:42) · Retry": what a view merged from several satellites
 * is missing. Nothing is shown when every satellite answered. A satellite that cannot be asked now (offline,
 * session expired, certificate not trusted) counts as not answering whatever its slice says; one refreshed in
 * the background with data in hand counts as answered, so the notice does not flicker on every refresh.
 */
export function PartialNotice({ satellites, slices, onRetry }: { satellites: ReadonlyArray<SatelliteView>; slices: Readonly<Record<string, SatelliteSlice<unknown> | undefined>>; onRetry?: () => void }) {
  const states = satellites.map((satellite) => ({ satellite, state: stateOf(satellite, slices[satellite.id]) }));
  const answered = states.filter((item) => item.state.kind === 'answered').length;
  if (answered === satellites.length || satellites.length === 0) return null;
  const failed = states.some((item) => item.state.kind === 'failed');
  return (
    <div className="partial-notice" role="status" data-testid="partial-notice">
      <span>
        {answered} of {satellites.length} satellites answered
      </span>
      {states.map(({ satellite, state }) =>
        state.kind === 'answered' ? null : (
          <span key={satellite.id} title={state.kind === 'failed' ? state.error.message : undefined} data-partial={satellite.name}>
            {' '}
            · {satellite.name} {state.kind === 'loading' ? 'still loading' : words(state.error)}
            {state.kind === 'failed' && state.asOf ? ` (as of ${formatInstant(state.asOf, MY_ZONE, 'time')})` : ''}
          </span>
        ),
      )}
      {onRetry && failed && (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

type SliceState = { kind: 'answered' } | { kind: 'loading' } | { kind: 'failed'; error: IpcErrorInfo; asOf?: Date };

function stateOf(satellite: SatelliteView, slice: SatelliteSlice<unknown> | undefined): SliceState {
  const asOf = slice?.asOf ? { asOf: slice.asOf } : {};
  if (!isReachable(satellite)) {
    const kind = satellite.status === 'expired' ? 'expired' : satellite.status === 'untrusted' ? 'untrusted' : 'offline';
    return { kind: 'failed', error: { kind, message: satellite.statusReason ?? satellite.status }, ...asOf };
  }
  if (slice?.status === 'error' && slice.error) return { kind: 'failed', error: slice.error, ...asOf };
  if (slice?.status === 'ready' || (slice?.status === 'loading' && slice.data !== undefined)) return { kind: 'answered' };
  return { kind: 'loading' };
}

function words(error: IpcErrorInfo): string {
  switch (error.kind) {
    case 'offline':
      return 'offline';
    case 'expired':
      return 'session expired';
    case 'untrusted':
      return 'certificate not trusted';
    default:
      return 'failed';
  }
}
