import { useCallback, useState, type FormEvent } from 'react';
import { useShortcut } from '../../lib/shortcuts';

/**
 * Asks why schedules are paused: the reason is shown to everyone who looks at them (the server requires one).
 * `what` names them ("nightly-base on sat-1", "3 schedules on 2 satellites").
 */
export function PauseDialog({ what, onConfirm, onCancel }: { what: string; onConfirm: (reason: string) => Promise<void>; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useShortcut('Escape', 'Cancel the pause', 'Pause dialog', useCallback(() => onCancel(), [onCancel]));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') return;
    setBusy(true);
    try {
      await onConfirm(reason.trim());
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="dialog-backdrop" onClick={onCancel}>
      <form className="dialog pause-dialog" role="dialog" aria-modal="true" aria-label="Pause schedules" onClick={(event) => event.stopPropagation()} onSubmit={(event) => void submit(event)}>
        <h2>Pause {what}</h2>
        <p className="muted">A paused schedule does not fire, and its fires are not counted as missed, until it is resumed. Others see the reason.</p>
        <label>
          Reason
          <input data-testid="pause-reason-input" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} placeholder="e.g. mirror maintenance until Monday" autoFocus required />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="pause-confirm" disabled={busy || reason.trim() === ''}>
            {busy ? 'Pausing…' : 'Pause'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/** The active switch of a schedule: on while it fires, off while paused. */
export function ActiveSwitch({ active, disabled, title, onToggle }: { active: boolean; disabled: boolean; title: string; onToggle: () => void }) {
  return (
    <button type="button" role="switch" aria-checked={active} className={`active-switch ${active ? 'active-switch--on' : ''}`} disabled={disabled} title={title} onClick={onToggle} data-testid="schedule-active">
      <span className="active-switch__knob" aria-hidden="true" />
      <span className="active-switch__text">{active ? 'Active' : 'Paused'}</span>
    </button>
  );
}
