import type { ScheduleInfo } from '@taskomatic/shared';
import { errorInfoOf, type SatelliteView } from '@taskomatic/shared/ipc';
import { desktopApi } from '../../../api';
import { zoneOf } from '../../../lib/time-format';
import { onSatelliteReconnected } from '../../../pushes';
import { useCalendarStore } from '../../../stores/calendar-store';
import { movesOf, useOutboxStore } from '../../../stores/outbox-store';
import { usePreferencesStore } from '../../../stores/preferences-store';
import { useRouterStore } from '../../../stores/router-store';
import { useSatellitesStore } from '../../../stores/satellites-store';
import { nameOf } from './satellite-facts';
import { useToastsStore } from '../../../stores/toasts-store';
import { sendMoveCall, sendRunAt } from './move-call';
import { moveConfirmed, moveFailed, movedText, openApplyMine } from './move-outcome';
import { describeConflict } from './outbox-conflict';
import { plannedCallOf, type QueuedMove } from './outbox-entry';
import { alternativeCall, type AlternativeKind } from './outbox-question';
import { settlementOf } from './outbox-settle';

/** Moves being settled now: a reconnect and a click on "Send now" must not send one twice. */
const busy = new Set<string>();

/**
 * Settles the outbox as satellites come back: each waiting move's schedule is read again, then the move is
 * confirmed, sent again, or left in the Changes screen with a question or a conflict. A satellite already answering
 * when the app starts (the app was reloaded, the main process kept its connection) is settled the first time the
 * app sees it connected. Returns the function that stops it.
 */
export function followOutbox(): () => void {
  const seen = new Set<string>();
  const settleNew = (satellites: ReadonlyArray<SatelliteView>) => {
    for (const satellite of satellites) {
      if (seen.has(satellite.id) || (satellite.status !== 'connected' && satellite.status !== 'slow')) continue;
      seen.add(satellite.id);
      void settleSatellite(satellite.id);
    }
  };
  settleNew(useSatellitesStore.getState().satellites);
  const stopStore = useSatellitesStore.subscribe((state) => settleNew(state.satellites));
  const stopReconnected = onSatelliteReconnected((satelliteId) => void settleSatellite(satelliteId));
  return () => {
    stopStore();
    stopReconnected();
  };
}

export async function settleSatellite(satelliteId: string): Promise<void> {
  for (const move of movesOf(satelliteId)) if (move.state === 'waiting') await settleMove(move.id, false);
}

/** Reads the move's schedule again and settles it; `asked`: the user clicked "Send now" (a failed read is told). */
export async function settleMove(id: string, asked: boolean): Promise<void> {
  const move = useOutboxStore.getState().moves.find((candidate) => candidate.id === id);
  // Only waiting moves are settled: the others already wait for the user (a reconnect and a first sight may overlap).
  if (!move || busy.has(id) || move.state !== 'waiting') return;
  busy.add(id);
  const outbox = useOutboxStore.getState();
  const toasts = useToastsStore.getState();
  const where = nameOf(move.satelliteId, 'the satellite');
  try {
    let schedule: ScheduleInfo | undefined;
    try {
      schedule = await desktopApi().call(move.satelliteId, 'schedules.get', { id: move.call.request.id });
    } catch (error) {
      const info = errorInfoOf(error);
      if (info.fault !== 'NOT_FOUND') {
        outbox.patch(id, { state: 'waiting', reason: info.message });
        if (asked) toasts.show({ kind: 'error', text: `${move.item.label} not sent: ${where} did not answer (${info.message})` });
        return;
      }
    }
    const settlement = settlementOf(move, schedule, Date.now());
    outbox.settle(id, settlement);
    switch (settlement.kind) {
      case 'confirmed':
        toasts.show({ kind: 'success', text: `${movedText(move, zoneFor(move.satelliteId))}: ${where} had it before the connection dropped (confirmed)` });
        useCalendarStore.getState().reload(move.satelliteId);
        return;
      case 'resend':
        await resend(move);
        return;
      case 'needs-decision':
        toasts.show({ kind: 'info', text: `${move.item.label}: its time passed while ${where} was away. Not sent: it waits in Changes for your decision.`, action: { label: 'Changes', run: () => useRouterStore.getState().navigate(['changes']) } });
        return;
      case 'conflict':
        void describeConflict(id);
        toasts.show({ kind: 'error', text: `${move.item.label} was changed on ${where} meanwhile: your move was not sent.`, action: { label: 'Reload or apply mine…', run: () => openApplyMine(id) } });
        return;
    }
  } finally {
    busy.delete(id);
  }
}

/** Sends a queued move again, with the version it was planned on (still the schedule's: settlementOf checked). */
async function resend(move: QueuedMove): Promise<void> {
  try {
    const committed = await sendMoveCall(move.satelliteId, plannedCallOf(move.call), move.item, move.before);
    useOutboxStore.getState().remove(move.id);
    moveConfirmed(move.satelliteId, move.item.label, committed, `${movedText(move, zoneFor(move.satelliteId))} (sent when ${nameOf(move.satelliteId, 'the satellite')} came back)`);
  } catch (error) {
    moveFailed(move, error);
  } finally {
    useCalendarStore.getState().reload(move.satelliteId);
  }
}

/**
 * Sends what a move's question offered instead, after reading the schedule again: a move that did arrive is
 * confirmed, one whose schedule changed becomes a conflict, and nothing is sent twice. The move stays in the outbox
 * when that fails.
 */
export async function sendAlternative(id: string, kind: AlternativeKind): Promise<void> {
  const move = useOutboxStore.getState().moves.find((candidate) => candidate.id === id);
  if (!move || busy.has(id)) return;
  busy.add(id);
  const outbox = useOutboxStore.getState();
  try {
    const schedule = await desktopApi().call(move.satelliteId, 'schedules.get', { id: move.call.request.id });
    const settlement = settlementOf(move, schedule, Date.now());
    if (settlement.kind === 'confirmed' || settlement.kind === 'conflict') {
      outbox.settle(id, settlement);
      if (settlement.kind === 'conflict') void describeConflict(id);
      useToastsStore.getState().show({ kind: settlement.kind === 'confirmed' ? 'success' : 'error', text: settlement.kind === 'confirmed' ? `${move.item.label}: the satellite had the move already (confirmed)` : `${move.item.label} was changed meanwhile: nothing sent` });
      return;
    }
    const call = alternativeCall(move, kind, Date.now());
    if (call.method === 'schedules.runNow') {
      await sendRunAt(move.satelliteId, call.request.id, call.request.at);
      outbox.remove(id);
      useToastsStore.getState().show({ kind: 'success', text: `${move.item.label}: a run was added at the new time` });
      return;
    }
    const committed = await sendMoveCall(move.satelliteId, plannedCallOf(call), move.item, move.before);
    outbox.remove(id);
    const after = call.method === 'schedules.update' && call.request.runAt !== undefined ? call.request.runAt : call.method === 'schedules.moveOccurrence' ? call.request.to : move.after;
    moveConfirmed(move.satelliteId, move.item.label, committed, movedText({ ...move, after }, zoneFor(move.satelliteId)));
  } catch (error) {
    useToastsStore.getState().show({ kind: 'error', text: `${move.item.label}: not sent (${errorInfoOf(error).message}); the change still waits in Changes` });
  } finally {
    busy.delete(id);
    useCalendarStore.getState().reload(move.satelliteId);
  }
}

/** Drops a queued move: the calendar shows the schedule as the satellite has it. */
export function discardMove(id: string): void {
  const move = useOutboxStore.getState().moves.find((candidate) => candidate.id === id);
  useOutboxStore.getState().remove(id);
  if (move) useCalendarStore.getState().reload(move.satelliteId);
}

function zoneFor(satelliteId: string): string {
  const satellite = useSatellitesStore.getState().satellites.find((candidate) => candidate.id === satelliteId);
  return zoneOf(usePreferencesStore.getState().displayZone, satellite?.timeZone);
}
