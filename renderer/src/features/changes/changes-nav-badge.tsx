import { useEffect } from 'react';
import { useOutboxStore } from '../../stores/outbox-store';
import { followOutbox } from '../calendar/drag/outbox-sync';

/**
 * The count of changes waiting, beside "Changes" in the navigation (none: nothing shown). The navigation lives as
 * long as the window, so this is also where the outbox starts following the satellites' reconnects.
 */
export function ChangesNavBadge() {
  const moves = useOutboxStore((state) => state.moves);
  useEffect(() => followOutbox(), []);
  if (moves.length === 0) return null;
  const asking = moves.filter((move) => move.state === 'needs-decision' || move.state === 'conflict').length;
  const title = `${moves.length} change${moves.length > 1 ? 's' : ''} waiting${asking > 0 ? `, ${asking} asking for a decision` : ''}`;
  return (
    <span className={`changes-badge${asking > 0 ? ' changes-badge--asking' : ''}`} title={title} aria-label={title} data-testid="changes-badge" data-count={moves.length}>
      {moves.length}
    </span>
  );
}
