import { useState } from 'react';
import { formatBytes } from '../../lib/time-format';
import type { StreamDoc } from '../../stores/logs-store';
import { toastError, useToastsStore } from '../../stores/toasts-store';
import type { StreamRef } from './log-reads';
import { formatCount } from './format-count';
import { downloadBlob, logFileName, readWholeStream } from './raw-export';

/** The clipboard takes the raw log up to this size; bigger ones are for "download raw". */
const CLIPBOARD_MAX = 16 * 1024 * 1024;

/** A pane's title: the stream, its size, what was not stored, line numbering; copy and download raw. */
export function LogPaneHeader({ satelliteName, streamRef, doc, rows }: { satelliteName: string; streamRef: StreamRef; doc: StreamDoc; rows: number }) {
  const [progress, setProgress] = useState<string>();
  const whole = async (what: 'copy' | 'download') => {
    setProgress('reading…');
    try {
      const raw = await readWholeStream(streamRef, (read, size) => setProgress(`${Math.floor((100 * read) / Math.max(1, size))} %`));
      // The file gets the exact bytes; the clipboard holds text (bytes that are not UTF-8 as U+FFFD).
      if (what === 'download') downloadBlob(logFileName(satelliteName, streamRef.runId, streamRef.stream), raw);
      else {
        await navigator.clipboard.writeText(await raw.text());
        useToastsStore.getState().show({ kind: 'success', text: `Copied ${streamRef.stream} of run ${streamRef.runId} (${formatBytes(doc.size)}, raw)` });
      }
    } catch (error) {
      toastError(what === 'copy' ? 'Could not copy the log' : 'Could not download the log', error);
    } finally {
      setProgress(undefined);
    }
  };
  const window = doc.window;
  return (
    <header className="log-pane__header">
      <span className={`log-pane__stream log-pane__stream--${streamRef.stream}`}>{streamRef.stream}</span>
      <span className="log-pane__facts">
        {formatBytes(doc.size)}
        {window && window.startOffset === 0 && window.endOffset >= doc.size ? ` · ${formatCount(rows)} lines` : window ? ` · ${formatBytes(window.endOffset - window.startOffset)} loaded` : ''}
        {doc.numbering === 'finding' && ' · finding line numbers…'}
      </span>
      {doc.dropped > 0 && (
        <span className="log-pane__dropped" title="The satellite keeps each run's output up to its log cap (Administration › Settings)">
          {formatBytes(doc.dropped)} not stored (over the log cap)
        </span>
      )}
      <span className="log-pane__actions">
        {progress && <span className="log-pane__progress">{progress}</span>}
        <button type="button" className="link-button" disabled={!!progress || doc.size === 0 || doc.size > CLIPBOARD_MAX} title={doc.size > CLIPBOARD_MAX ? `Too big for the clipboard (${formatBytes(doc.size)}): download it` : 'Copy the whole stream as stored (colour codes kept)'} onClick={() => void whole('copy')}>
          Copy raw
        </button>
        <button type="button" className="link-button" disabled={!!progress || doc.size === 0} title="Save the whole stream as stored (colour codes kept)" onClick={() => void whole('download')}>
          Download raw
        </button>
      </span>
    </header>
  );
}
