import { STATUS_LOOK, type DisplayStatus } from '../lib/status';

/** A status with its fixed icon and colour. */
export function StatusBadge({ status, title }: { status: DisplayStatus; title?: string }) {
  const look = STATUS_LOOK[status];
  return (
    <span className={`status-badge ${look.className}`} data-status={status} title={title ?? look.label}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}

/** A strip of recent outcomes (oldest first), icons only, each with its status in the hover text. */
export function OutcomeStrip({ statuses }: { statuses: ReadonlyArray<DisplayStatus> }) {
  return (
    <span className="outcome-strip" aria-label={`recent outcomes: ${statuses.map((status) => STATUS_LOOK[status].label).join(', ') || 'none'}`}>
      {statuses.map((status, index) => (
        <span key={index} className={`outcome-strip__cell ${STATUS_LOOK[status].className}`} title={STATUS_LOOK[status].label}>
          {STATUS_LOOK[status].icon}
        </span>
      ))}
    </span>
  );
}
