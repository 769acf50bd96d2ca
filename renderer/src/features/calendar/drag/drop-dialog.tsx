import type { ScheduleInfo } from '@taskomatic/shared';
import { useEffect, useState } from 'react';
import { Loading } from '../../../components/panel-state';
import { TimeText } from '../../../components/time-text';
import { useShortcut } from '../../../lib/shortcuts';
import type { CalendarItem } from '../calendar-items';
import { sendDrop } from './commit-move';
import { dropPlan, type DropChoice, type DropPlan } from './drop-plan';

const CHOICES: ReadonlyArray<{ readonly choice: DropChoice; readonly title: string }> = [
  { choice: 'only', title: 'Only this occurrence' },
  { choice: 'following', title: 'This and following' },
  { choice: 'all', title: 'All occurrences' },
];

/**
 * How much of a series a drop moves (UX.md): only this fire (the default, least destructive), this and following
 * (a split), or all (the cron changes; disabled with the reason when the shift is not a cron). Each shows old → new.
 */
export function DropDialog({ item, target, scheduleLoad, zone, onClose }: { item: CalendarItem; target: number; scheduleLoad: Promise<ScheduleInfo>; zone: string; onClose: () => void }) {
  const [schedule, setSchedule] = useState<ScheduleInfo | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [choice, setChoice] = useState<DropChoice>('only');
  useShortcut('Escape', 'Cancel the move', 'Calendar', onClose);
  useEffect(() => {
    scheduleLoad.then(setSchedule, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [scheduleLoad]);
  const fire = { at: item.start, original: item.movedFrom ?? item.start };
  const plans = schedule ? CHOICES.map(({ choice: option }) => dropPlan(schedule, fire, target, option)) : [];
  const chosen = plans.find((plan) => plan.choice === choice);
  const confirm = () => {
    if (!chosen?.ok) return;
    void sendDrop(item, chosen, zone);
    onClose();
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog drop-dialog" role="dialog" aria-modal="true" aria-label={`Move ${item.label}`} data-testid="calendar-drop-dialog" onClick={(event) => event.stopPropagation()}>
        <h3>Move {item.label}</h3>
        {error && <div className="notice notice--error">Could not read the schedule: {error}</div>}
        {!schedule && !error && <Loading what="the schedule" />}
        {plans.map((plan, index) => (
          <label key={plan.choice} className={`drop-dialog__choice${plan.ok ? '' : ' drop-dialog__choice--disabled'}`} data-testid={`drop-choice-${plan.choice}`}>
            <input type="radio" name="drop-choice" checked={choice === plan.choice} disabled={!plan.ok} onChange={() => setChoice(plan.choice as DropChoice)} />
            <strong>{CHOICES[index]!.title}</strong>
            <PlanText plan={plan} />
          </label>
        ))}
        <div className="drop-dialog__actions">
          <button type="button" onClick={onClose} data-testid="drop-cancel">Cancel</button>
          <button type="button" className="primary" disabled={!chosen?.ok} onClick={confirm} data-testid="drop-confirm" autoFocus>
            Move
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
        <TimeText date={new Date(plan.before)} /> → <TimeText date={new Date(plan.after)} /> (that fire is skipped, a one-time run added)
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
