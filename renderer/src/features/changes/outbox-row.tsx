import type { SatelliteView } from '@taskomatic/shared/ipc';
import { SatelliteBadge } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { hashOf } from '../../stores/router-store';
import { useOutboxStore } from '../../stores/outbox-store';
import { ConflictFactsText } from '../calendar/drag/conflict-facts';
import type { OutboxState, QueuedMove } from '../calendar/drag/outbox-entry';
import { alternativeOf } from '../calendar/drag/outbox-question';
import { passedOf, shownState } from '../calendar/drag/outbox-settle';
import { discardMove, sendAlternative, settleMove } from '../calendar/drag/outbox-sync';

const WHAT: Readonly<Record<QueuedMove['choice'], string>> = {
  once: 'one-time run moved',
  only: 'one occurrence moved',
  following: 'this and following (split)',
  all: 'all occurrences (new cron)',
};

const STATE_WORDS: Readonly<Record<OutboxState, string>> = { waiting: 'waiting', sending: 'sending…', 'needs-decision': 'needs a decision', conflict: 'conflict' };

/** One change waiting in the outbox: where, what, from and to, since when, its state and what can be done. */
export function OutboxRow({ move, satellite, now }: { move: QueuedMove; satellite: SatelliteView | undefined; now: number }) {
  const state = shownState(move, now);
  const time = (value: string | number) => (typeof value === 'number' ? <TimeText date={new Date(value)} satellite={satellite} /> : <code>{value}</code>);
  return (
    <tr data-testid="outbox-row" data-state={state} data-satellite={satellite?.name} data-schedule-id={move.call.request.id}>
      <td>
        <SatelliteBadge satellite={satellite} dot />
      </td>
      <td>
        <a href={hashOf(['schedules', move.satelliteId, move.call.request.id])}>{move.item.label}</a>
      </td>
      <td>{WHAT[move.choice]}</td>
      <td className="outbox-row__change">
        {time(move.before)} → {time(move.after)}
      </td>
      <td>
        <TimeText date={new Date(move.queuedAt)} satellite={satellite} relative />
      </td>
      <td className="outbox-row__state">
        <span className={`outbox-state outbox-state--${state}`} data-testid="outbox-state">
          {STATE_WORDS[state]}
        </span>
        <StateDetail move={move} state={state} satellite={satellite} now={now} />
      </td>
      <td className="outbox-row__actions">
        <Actions move={move} state={state} now={now} />
      </td>
    </tr>
  );
}

function StateDetail({ move, state, satellite, now }: { move: QueuedMove; state: OutboxState; satellite: SatelliteView | undefined; now: number }) {
  if (state === 'conflict' && move.conflict) return <ConflictFactsText facts={move.conflict} satelliteId={move.satelliteId} />;
  if (state === 'needs-decision') return <div className="outbox-row__detail">{question(move, passedOf(move, now) ?? move.passed ?? 'target', satellite)}</div>;
  if (state === 'waiting') return <div className="outbox-row__detail muted">{satellite ? `${satellite.name} is ${satellite.status}` : 'Its satellite was removed'}{move.reason ? `: ${move.reason}` : ''}. Sent when it answers again.</div>;
  return null;
}

function question(move: QueuedMove, passed: NonNullable<QueuedMove['passed']>, satellite: SatelliteView | undefined) {
  const at = (instant: number) => <TimeText date={new Date(instant)} satellite={satellite} />;
  const occurrence = move.call.method === 'schedules.moveOccurrence' ? move.call.request.occurrence : move.item.start;
  if (move.choice === 'following') return <>The new series would start in the past ({at(move.target)}): split a later fire on the calendar instead.</>;
  if (move.choice === 'all') return <>Its first new fire ({at(move.target)}) has passed; the new cron would still apply to the later fires. Change it anyway?</>;
  if (passed === 'both') return <>Both the fire ({at(occurrence)}) and its new time ({at(move.target)}) have passed: nothing is left to move.</>;
  if (passed === 'occurrence') return <>The fire it moves ({at(occurrence)}) has passed: it ran or was missed at its own time. Add a run at {at(move.target)} anyway?</>;
  return <>Its new time ({at(move.target)}) passed while the satellite was away: it was not sent. Run it now instead?</>;
}

function Actions({ move, state, now }: { move: QueuedMove; state: OutboxState; now: number }) {
  const alternative = state === 'needs-decision' ? alternativeOf(move, passedOf(move, now) ?? move.passed ?? 'target') : undefined;
  return (
    <div>
      {state === 'waiting' && (
        <button type="button" className="primary" onClick={() => void settleMove(move.id, true)} data-testid="outbox-send-now">
          Send now
        </button>
      )}
      {state === 'conflict' && (
        <button type="button" className="primary" onClick={() => useOutboxStore.getState().reopen(move.id)} data-testid="outbox-apply-mine">
          Apply mine…
        </button>
      )}
      {alternative && (
        <button type="button" className="primary" onClick={() => void sendAlternative(move.id, alternative.kind)} data-testid="outbox-alternative" data-kind={alternative.kind}>
          {alternative.label}
        </button>
      )}
      <button type="button" disabled={state === 'sending'} onClick={() => discardMove(move.id)} data-testid="outbox-discard" title={state === 'conflict' ? 'Keep the schedule as it is now (Reload)' : 'Forget this change'}>
        {state === 'conflict' ? 'Discard (reload)' : 'Discard'}
      </button>
    </div>
  );
}
