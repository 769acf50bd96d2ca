import type { BunchRunDetail } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useState } from 'react';
import { desktopApi } from '../../api';
import { useRouterStore } from '../../stores/router-store';
import { isReachable } from '../../stores/satellites-store';
import { toastError, useToastsStore } from '../../stores/toasts-store';
import { appLink } from './app-link';
import { isUnderWay } from './run-summary';

const CANCEL_WORDS = { cancelled: 'Cancelled', cancelling: 'Stopping the running task (TERM, then KILL)…', 'already-ended': 'It had already ended' } as const;

/**
 * Re-run, cancel and copy link. Re-running goes through the run's schedule (`schedules.runNow` with this run's
 * parameters): the API has no other way to run a bunch again, so a run whose schedule was deleted cannot be.
 */
export function RunActions({ detail, satellite, satelliteId, link, onChanged }: { detail: BunchRunDetail; satellite: SatelliteView | undefined; satelliteId: string; link: string; onChanged: () => void }) {
  const [busy, setBusy] = useState<'rerun' | 'cancel'>();
  const show = useToastsStore((state) => state.show);
  const reachable = satellite !== undefined && isReachable(satellite);
  const offline = reachable ? undefined : `${satellite?.name ?? 'The satellite'} is not answering`;
  const rerunBlocked = detail.scheduleId === undefined ? 'Its schedule was deleted: the API runs a bunch again only through a schedule' : offline;
  const label = detail.scheduleLabel ?? detail.bunch;

  async function rerun() {
    if (detail.scheduleId === undefined) return;
    setBusy('rerun');
    try {
      const queued = await desktopApi().call(satelliteId, 'schedules.runNow', { id: detail.scheduleId, params: { ...detail.params } });
      show({ kind: 'success', text: `${label} runs again (run ${queued.bunchRunId})`, action: { label: 'Open', run: () => useRouterStore.getState().navigate(['runs', satelliteId, queued.bunchRunId]) } });
    } catch (error) {
      toastError(`Could not run ${label} again`, error);
    } finally {
      setBusy(undefined);
    }
  }

  async function cancel() {
    if (!window.confirm(`Cancel run ${detail.id} of ${label} on ${satellite?.name ?? satelliteId}? A running task is stopped.`)) return;
    setBusy('cancel');
    try {
      const { result } = await desktopApi().call(satelliteId, 'runs.cancel', { bunchRunId: detail.id });
      show({ kind: result === 'already-ended' ? 'info' : 'success', text: `Run ${detail.id}: ${CANCEL_WORDS[result]}` });
      onChanged();
    } catch (error) {
      toastError(`Could not cancel run ${detail.id}`, error);
    } finally {
      setBusy(undefined);
    }
  }

  async function copy() {
    const text = appLink(link);
    try {
      await navigator.clipboard.writeText(text);
      show({ kind: 'success', text: 'Link copied' });
    } catch {
      // The clipboard can be refused (no focus, no permission): the link is still given, to copy by hand.
      show({ kind: 'info', text: `Copy this link: ${text}` }, 20_000);
    }
  }

  return (
    <div className="run-detail__actions">
      {isUnderWay(detail.status) && (
        <button type="button" className="danger" data-testid="run-cancel" disabled={busy !== undefined || !reachable} title={offline} onClick={() => void cancel()}>
          {busy === 'cancel' ? 'Cancelling…' : 'Cancel run'}
        </button>
      )}
      <button type="button" data-testid="run-rerun" disabled={busy !== undefined || rerunBlocked !== undefined} title={rerunBlocked ?? `Run ${label} once more now, with these parameters`} onClick={() => void rerun()}>
        {busy === 'rerun' ? 'Starting…' : 'Run again'}
      </button>
      <button type="button" data-testid="copy-link" onClick={() => void copy()} title="Copy a link that opens this run (and step) in the app">
        Copy link
      </button>
    </div>
  );
}
