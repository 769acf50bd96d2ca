import type { BunchInfo, TaskInfoStruct } from '@taskomatic/shared';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { BunchSteps } from './bunch-steps';

/**
 * The bunch drop-down: each option shows the bunch's description and steps, because nothing but a predefined
 * bunch can be scheduled and the name alone rarely says what it does. Arrows move, Enter picks, Esc closes.
 */
export function BunchPicker({ bunches, tasks, value, onChange, invalid }: {
  bunches: ReadonlyArray<BunchInfo>;
  tasks: ReadonlyArray<TaskInfoStruct>;
  value: string;
  onChange: (bunch: string) => void;
  invalid?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const current = bunches.find((bunch) => bunch.name === value);

  useEffect(() => {
    if (!open) return undefined;
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  useEffect(() => {
    if (open) list.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const pick = (bunch: BunchInfo | undefined) => {
    if (bunch) onChange(bunch.name);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setActive(Math.max(0, bunches.findIndex((bunch) => bunch.name === value)));
        setOpen(true);
        return;
      }
      setActive((at) => (event.key === 'ArrowDown' ? Math.min(bunches.length - 1, at + 1) : Math.max(0, at - 1)));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      pick(bunches[active]);
    } else if (event.key === 'Escape' && open) {
      // The page's own Escape (leave the editor) must not fire as well.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="bunch-picker" ref={root} onKeyDown={onKeyDown}>
      <button type="button" className={`bunch-picker__button ${invalid ? 'field--invalid' : ''}`} data-testid="bunch-picker" aria-haspopup="listbox" aria-expanded={open} onClick={() => setOpen(!open)}>
        {current ? (
          <span>
            <strong>{current.name}</strong> <span className="muted">— {current.description}</span>
          </span>
        ) : (
          <span className="muted">Pick a bunch…</span>
        )}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <ul className="bunch-picker__list" role="listbox" ref={list} aria-label="Bunches">
          {bunches.length === 0 && <li className="muted bunch-picker__empty">This satellite has no bunch you may schedule.</li>}
          {bunches.map((bunch, index) => (
            <li key={bunch.name} role="option" aria-selected={bunch.name === value} data-testid="bunch-option" data-bunch={bunch.name} className={`bunch-picker__option ${index === active ? 'bunch-picker__option--active' : ''}`} onMouseEnter={() => setActive(index)} onClick={() => pick(bunch)}>
              <div>
                <strong>{bunch.name}</strong> <span className="bunch-steps__tag">{bunch.orgBunch ? 'org' : 'satellite'}</span>
              </div>
              <div className="muted">{bunch.description}</div>
              <BunchSteps bunch={bunch} tasks={tasks} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
