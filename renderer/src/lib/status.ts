import type { RunStatus } from '@taskomatic/shared';

/** What the app shows for a status: the server's ten, plus the client's own (a pending change, overdue). */
export type DisplayStatus = RunStatus | 'PENDING_CHANGE' | 'OVERDUE';

interface StatusLook {
  readonly label: string;
  /** Never colour alone: each status has its icon. */
  readonly icon: string;
  /** CSS class carrying the fixed colour (styles/status.css). */
  readonly className: string;
}

/** Fixed colours and icons, the same on every screen (UX.md "Everywhere"). */
export const STATUS_LOOK: Readonly<Record<DisplayStatus, StatusLook>> = {
  READY: { label: 'Scheduled', icon: '◷', className: 'status-ready' },
  POSTPONED: { label: 'Postponed', icon: '‖', className: 'status-postponed' },
  RUNNING: { label: 'Running', icon: '▶', className: 'status-running' },
  FINISHED: { label: 'Finished', icon: '✓', className: 'status-finished' },
  FAILED: { label: 'Failed', icon: '✕', className: 'status-failed' },
  TIMED_OUT: { label: 'Timed out', icon: '⊠', className: 'status-timed-out' },
  CANCELLED: { label: 'Cancelled', icon: '⊘', className: 'status-cancelled' },
  SKIPPED: { label: 'Skipped', icon: '↷', className: 'status-skipped' },
  INTERRUPTED: { label: 'Interrupted', icon: '↯', className: 'status-interrupted' },
  MISSED: { label: 'Missed', icon: '⚠', className: 'status-missed' },
  PENDING_CHANGE: { label: 'Pending change', icon: '…', className: 'status-pending' },
  OVERDUE: { label: 'Overdue', icon: '!', className: 'status-overdue' },
};
