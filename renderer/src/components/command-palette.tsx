import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { matchCommands, type PaletteCommand } from '../lib/palette-match';

/**
 * Ctrl/Cmd+K: type to find a screen, an action or a schedule of any satellite, Enter to go. Arrows move,
 * Escape closes.
 */
export function CommandPalette({ commands, onClose }: { commands: ReadonlyArray<PaletteCommand>; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const matches = useMemo(() => matchCommands(commands, query), [commands, query]);
  useEffect(() => {
    setActive(0);
  }, [query]);
  useEffect(() => {
    list.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((index) => Math.min(matches.length - 1, index + 1));
    else if (event.key === 'ArrowUp') setActive((index) => Math.max(0, index - 1));
    else if (event.key === 'Enter') run(matches[active]);
    else if (event.key === 'Escape') onClose();
    else return;
    event.preventDefault();
  };
  return (
    <div className="dialog-backdrop palette-backdrop" onClick={onClose}>
      <div className="dialog palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette" onClick={(event) => event.stopPropagation()}>
        <input autoFocus className="palette__input" placeholder="Go to a screen, a schedule, an action…" value={query} onChange={(event) => setQuery(event.target.value)} onKeyDown={onKey} aria-label="Command" aria-controls="palette-list" />
        <ul className="palette__list" id="palette-list" role="listbox" ref={list}>
          {matches.map((command, index) => (
            <li key={command.id} role="option" aria-selected={index === active} className={`palette__item ${index === active ? 'palette__item--active' : ''}`} onMouseEnter={() => setActive(index)} onClick={() => run(command)}>
              <span className="palette__title">{command.title}</span>
              {command.detail && <span className="palette__detail">{command.detail}</span>}
            </li>
          ))}
          {matches.length === 0 && <li className="palette__empty">Nothing matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
