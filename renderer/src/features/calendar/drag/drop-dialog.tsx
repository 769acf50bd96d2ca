import type { ScheduleInfo } from '@taskomatic/shared';
import { useEffect, useState } from 'react';
import { Loading } from '../../../components/panel-state';
import { TimeText } from '../../../components/time-text';
import { useShortcut } from '../../../lib/shortcuts';
import type { CalendarItem } from '../calendar-items';
import { sendDrop } from './commit-move';
import { ConflictFactsText } from './conflict-facts';
import { dropPlan, type DropChoice, type DropPlan } from './drop-plan';
import type { QueuedMove } from './outbox-entry';
import { discardMove } from './outbox-sync';

const SERIES_CHOICES: ReadonlyArray<{ readonly choice: DropChoice | 'once'; readonly title: string }> = [
  { choice: 'only', title: 'Only this occurrence' },
  { choice: 'following', title: 'This and following' },
  { choice: 'all', title: 'All occurrences' },
];
const ONCE_CHOICES: typeof SERIES_CHOICES = [{ choice: 'once', title: 'This one-time run' }];

/**
 * How much of a series a drop moves (UX.md): only this fire (the default, least destructive), this and following
 * (a split), or all (the cron changes; disabled with the reason when the shift is not a cron). Each shows old → new.
 * With `reapply` (a move refused by a version conflict, Apply mine): the schedule as it is now, who changed what,
 * the same drop planned again on the current version, and Reload (discard mine) or Apply mine.
 */
export function DropDialog({ item, target, scheduleLoad, zone, onClose, reapply }: { item: CalendarItem; target: number; scheduleLoad: Promise<ScheduleInfo>; zone: string; onClose: () => void; reapply?: QueuedMove }) {
  const [schedule, setSchedule] = useState<ScheduleInfo | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [choice, setChoice] = useState<DropChoice | 'once'>(reapply?.choice ?? 'only');
  useShortcut('Escape', 'Cancel the move', 'Calendar', onClose);
  useEffect(() => {
    scheduleLoad.then(setSchedule, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [scheduleLoad]);
  const choices = schedule?.kind === 'once' ? ONCE_CHOICES : SERIES_CHOICES;
  // A one-time run is moved from where the schedule has it now (someone else may have moved it meanwhile).
  const runAt = schedule?.kind === 'once' ? schedule.runAt?.getTime() : undefined;
  const fire = runAt !== undefined ? { at: runAt, original: runAt } : { at: item.start, original: item.movedFrom ?? item.start };
  const plans = schedule ? choices.map((option) => dropPlan(schedule, fire, target, option.choice)) : [];
  const chosen = plans.find((plan) => plan.choice === choice) ?? plans[0];
  const confirm = () => {
    if (!chosen?.ok || !schedule) return;
    void sendDrop(item, chosen, schedule, target, zone, reapply?.id);
    onClose();
  };
  const reload = () => {
    if (reapply) discardMove(reapply.id);
    onClose();
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog drop-dialog" role="dialog" aria-modal="true" aria-label={`Move ${item.label}`} data-testid="calendar-drop-dialog" data-reapply={reapply ? 'true' : undefined} onClick={(event) => event.stopPropagation()}>
        <h3>{reapply ? `Apply my move of ${item.label} again?` : `Move ${item.label}`}</h3>
        {reapply?.conflict && (
          <div className="notice notice--warning drop-dialog__conflict" data-testid="drop-conflict">
            <ConflictFactsText facts={reapply.conflict} satelliteId={reapply.satelliteId} />
            <div>Below: your move planned again on the schedule as it is now (version {schedule?.version ?? '…'}).</div>
          </div>
        )}
        {error && <div className="notice notice--error">Could not read the schedule: {error}</div>}
        {!schedule && !error && <Loading what="the schedule" />}
        {plans.map((plan, index) => (
          <label key={plan.choice} className={`drop-dialog__choice${plan.ok ? '' : ' drop-dialog__choice--disabled'}`} data-testid={`drop-choice-${plan.choice}`}>
            <input type="radio" name="drop-choice" checked={chosen?.choice === plan.choice} disabled={!plan.ok} onChange={() => setChoice(plan.choice)} />
            <strong>{choices[index]!.title}</strong>
            <PlanText plan={plan} />
          </label>
        ))}
        <div className="drop-dialog__actions">
          <button type="button" onClick={onClose} data-testid="drop-cancel">
            {reapply ? 'Decide later' : 'Cancel'}
          </button>
          {reapply && (
            <button type="button" onClick={reload} data-testid="drop-reload" title="Keep the schedule as it is now and forget my move">
              Reload (discard mine)
            </button>
          )}
          <button type="button" className="primary" disabled={!chosen?.ok} onClick={confirm} data-testid="drop-confirm" autoFocus>
            {reapply ? 'Apply mine' : 'Move'}
          </button>
        </div>
      </div>
    </div>
  );
}

function PlanText({ plan }: { plan: DropPlan }) {
  if (!plan.ok) return <span className="drop-dialog__reason">Not possible: {plan.reason}.</span>;
  if (typeof plan.before === 'number' && typeof plan.after === 'number') {
    return (
      <span className="drop-dialog__change">
        <TimeText date={new Date(plan.before)} /> → <TimeText date={new Date(plan.after)} />
        {plan.choice === 'only' && ' (that fire is skipped, a one-time run added)'}
      </span>
    );
  }
  return (
    <span className="drop-dialog__change">
      <code>{plan.before}</code> → <code>{plan.after}</code>
      {plan.sentence && <em> · {plan.sentence}</em>}
      {plan.nextFires && plan.nextFires.length > 0 && (
        <span className="drop-dialog__fires" data-testid="drop-next-fires">
          {' '}· next:{' '}
          {plan.nextFires.map((fire, index) => (
            <span key={fire}>
              {index > 0 && ', '}
              <TimeText date={new Date(fire)} />
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
