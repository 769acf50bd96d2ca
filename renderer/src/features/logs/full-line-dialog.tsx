import { useEffect, useMemo, useRef } from 'react';
import { toastError, useToastsStore } from '../../stores/toasts-store';
import { parseAnsi } from './ansi';
import { styleProps } from './line-render';
import { collapseCarriageReturns } from './line-text';

/** A line too long for its row, shown whole and wrapped, with a copy button. */
export function FullLineDialog({ raw, line, stream, onClose }: { raw: string; line?: number; stream: string; onClose: () => void }) {
  const spans = useMemo(() => parseAnsi(collapseCarriageReturns(raw).text), [raw]);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(spans.map((span) => span.text).join(''));
      useToastsStore.getState().show({ kind: 'success', text: 'Line copied' });
    } catch (error) {
      toastError('Could not copy the line', error);
    }
  };
  const length = spans.reduce((sum, span) => sum + span.text.length, 0);
  return (
    <div className="log-full" role="dialog" aria-modal="true" aria-label="Full line" data-testid="log-full-line" onKeyDown={(event) => event.key === 'Escape' && onClose()} onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div className="log-full__box">
        <header className="log-full__header">
          <strong>
            {stream} · {line === undefined ? 'line' : `line ${line.toLocaleString()}`}
          </strong>{' '}
          · {length.toLocaleString()} characters
          <span className="log-full__actions">
            <button type="button" onClick={() => void copy()}>
              Copy line
            </button>
            <button type="button" ref={close} onClick={onClose}>
              Close
            </button>
          </span>
        </header>
        <pre className="log-full__text">
          {spans.map((span, index) => {
            const { className, css } = styleProps(span.style);
            return (
              <span key={index} className={className || undefined} style={css}>
                {span.text}
              </span>
            );
          })}
        </pre>
      </div>
    </div>
  );
}
