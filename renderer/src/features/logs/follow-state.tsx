import type { StreamDoc } from '../../stores/logs-store';
import { formatCount } from './format-count';

/**
 * The line under a pane: following the live end, paused with the count of lines that came since, or the run
 * ended; with the way back to the end (the button, or the End key).
 */
export function FollowState({ doc, following, stalled, newLines, onResume, onLoadLater }: { doc: StreamDoc; following: boolean; stalled: boolean; newLines: number; onResume: () => void; onLoadLater: () => void }) {
  const window = doc.window;
  const atEnd = window !== undefined && window.endOffset >= doc.size;
  const growing = !doc.complete;
  let text: string;
  if (!atEnd) text = 'Showing an earlier part of the log';
  else if (growing && stalled) text = 'The satellite does not answer · following resumes when it does';
  else if (growing && following) text = 'Following · live';
  else if (growing) text = `Paused · ${formatCount(newLines)} new line${newLines === 1 ? '' : 's'}`;
  else text = following ? 'End of log · the run has ended' : 'The run has ended';
  const state = !atEnd ? 'detached' : growing && stalled ? 'stalled' : following ? (growing ? 'following' : 'end') : 'paused';
  return (
    <footer className={`log-follow log-follow--${state}`} data-testid="log-follow-state" data-state={state} data-following={following && atEnd ? 'true' : 'false'} aria-live="polite">
      <span className="log-follow__text">{text}</span>
      {!atEnd && (
        <button type="button" className="link-button" disabled={doc.busy !== undefined} onClick={onLoadLater}>
          Load later
        </button>
      )}
      {(!following || !atEnd) && (
        <button type="button" className="link-button" onClick={onResume} title="End">
          {growing ? 'Follow' : 'Go to end'} <kbd>End</kbd>
        </button>
      )}
      {doc.status === 'error' && doc.window && <span className="log-follow__error">{doc.error?.message ?? 'Reading failed'}: retrying</span>}
    </footer>
  );
}
