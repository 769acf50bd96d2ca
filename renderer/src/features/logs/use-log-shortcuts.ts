import { type RefObject, useCallback, useRef } from 'react';
import { useShortcut } from '../../lib/shortcuts';

export interface LogShortcutActions {
  /** Back to the end of the log, following it (End). */
  readonly resume: () => void;
  readonly go: (direction: 1 | -1) => void;
  readonly nextError: () => void;
  readonly searchInput: RefObject<HTMLInputElement | null>;
}

/**
 * The log viewer's keys, listed by the `?` sheet: End, Ctrl+F (the browser's own find cannot see the lines that
 * are not drawn), n / N for the next and previous match, e for the next error. The actions are read when a key
 * is pressed, so the shortcuts are registered once.
 */
export function useLogShortcuts(actions: LogShortcutActions): void {
  const now = useRef(actions);
  now.current = actions;
  useShortcut('End', 'Go to the end of the log and follow it', 'Log viewer', useCallback(() => now.current.resume(), []));
  useShortcut(
    'Ctrl+F',
    'Search the log',
    'Log viewer',
    useCallback((event: KeyboardEvent) => {
      event.preventDefault();
      now.current.searchInput.current?.focus();
    }, []),
  );
  useShortcut('n', 'Next match', 'Log viewer', useCallback(() => now.current.go(1), []));
  useShortcut('N', 'Previous match', 'Log viewer', useCallback(() => now.current.go(-1), []));
  useShortcut('e', 'Next line that looks like an error', 'Log viewer', useCallback(() => now.current.nextError(), []));
}
