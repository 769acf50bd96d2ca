import { memo, type MouseEvent } from 'react';
import { markMatches, renderLine, styleProps } from './line-render';
import type { Highlighter } from './search-match';

/** One row of the log: its number (a line link when the app can build one) and its text, styled. */
export interface LogLineProps {
  readonly raw: string;
  /** 1-based line number in the stream, when known. */
  readonly line?: number;
  /** The row starts before the loaded part (only its end is shown). */
  readonly continued?: boolean;
  readonly link?: string;
  /** Inside the range a line link points at. */
  readonly selected?: boolean;
  /** The search match the count points at. */
  readonly current?: boolean;
  readonly highlighter?: Highlighter;
  readonly onNumberClick?: (line: number, event: MouseEvent) => void;
  readonly onShowFull?: (raw: string, line: number | undefined) => void;
}

function LogLineView({ raw, line, continued, link, selected, current, highlighter, onNumberClick, onShowFull }: LogLineProps) {
  const rendered = renderLine(raw);
  const pieces = markMatches(rendered.spans, rendered.plain, highlighter);
  const classes = ['log-line', selected ? 'log-line--selected' : '', current ? 'log-line--current' : ''].filter(Boolean).join(' ');
  const number = line === undefined ? '' : String(line);
  const click = (event: MouseEvent) => {
    if (line !== undefined && onNumberClick) onNumberClick(line, event);
  };
  return (
    <div className={classes} data-testid="log-line" data-line-number={line} role="row">
      {link && line !== undefined ? (
        <a className="log-line__number" href={link} onClick={click} title={`Link to line ${line} (Shift+click: a range)`}>
          {number}
        </a>
      ) : (
        <span className="log-line__number" onClick={click} title={line === undefined ? 'Line number not known yet' : undefined}>
          {number}
        </span>
      )}
      <span className="log-line__text" role="cell">
        {continued && (
          <span className="log-line__continued" title="This line starts before the loaded part">
            …
          </span>
        )}
        {rendered.redraws > 0 && (
          <span className="log-line__redraws" title={`Redrawn ${rendered.redraws} times (carriage returns): the last state is shown`}>
            ↻
          </span>
        )}
        {pieces.map((piece, index) => {
          const { className, css } = styleProps(piece.style);
          const text = piece.mark ? <mark className="log-line__match">{piece.text}</mark> : piece.text;
          return className || css ? (
            <span key={index} className={className || undefined} style={css}>
              {text}
            </span>
          ) : (
            <span key={index}>{text}</span>
          );
        })}
        {rendered.hiddenChars > 0 && (
          <button type="button" className="log-line__cut" onClick={() => onShowFull?.(raw, line)}>
            … {rendered.hiddenChars.toLocaleString()} more characters · show full
          </button>
        )}
      </span>
    </div>
  );
}

/** A row redraws only when its text, number or marks change (following appends rows; it does not redraw them). */
export const LogLine = memo(LogLineView);
