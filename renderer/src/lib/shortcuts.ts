import { useEffect } from 'react';
import { create } from 'zustand';

/** A keyboard shortcut as the `?` sheet lists it. */
export interface Shortcut {
  /** `?`, `g s`, `/`, `End`, `Ctrl+K`… as `KeyboardEvent.key`, with `Ctrl+` for Ctrl or Cmd; a space separates a sequence. */
  readonly keys: string;
  readonly description: string;
  /** Where it works ("Everywhere", "Log viewer"). */
  readonly scope: string;
}

interface Registered extends Shortcut {
  readonly run: (event: KeyboardEvent) => void;
}

interface ShortcutsState {
  readonly registered: ReadonlyArray<Registered>;
}

const useShortcutsStore = create<ShortcutsState>()(() => ({ registered: [] }));

/** The shortcuts that work right now, for the `?` sheet. */
export function useActiveShortcuts(): ReadonlyArray<Shortcut> {
  return useShortcutsStore((state) => state.registered);
}

/** Registers a shortcut while the calling component is shown. */
export function useShortcut(keys: string, description: string, scope: string, run: (event: KeyboardEvent) => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const entry: Registered = { keys, description, scope, run };
    useShortcutsStore.setState((state) => ({ registered: [...state.registered, entry] }));
    return () => useShortcutsStore.setState((state) => ({ registered: state.registered.filter((item) => item !== entry) }));
  }, [keys, description, scope, run, enabled]);
}

/** True when typing goes to a field: shortcuts never fire then. */
function typingInField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
}

function keyName(event: KeyboardEvent): string {
  const modifier = event.ctrlKey || event.metaKey ? 'Ctrl+' : '';
  return `${modifier}${event.key.length === 1 && modifier ? event.key.toUpperCase() : event.key}`;
}

let pending: string | undefined;
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

/** The one keydown listener: matches single keys and two-key sequences (`g s`); installed at start. */
export function installShortcutListener(): void {
  window.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey) return;
    if (typingInField(event.target) && event.key !== 'Escape') return;
    const key = keyName(event);
    const registered = useShortcutsStore.getState().registered;
    const sequence = pending ? `${pending} ${key}` : undefined;
    // The latest registration wins: a dialog's Escape before the page's.
    const match = [...registered].reverse().find((item) => item.keys === sequence) ?? [...registered].reverse().find((item) => item.keys === key);
    clearTimeout(pendingTimer);
    pending = undefined;
    if (match) {
      event.preventDefault();
      match.run(event);
      return;
    }
    if (registered.some((item) => item.keys.startsWith(`${key} `))) {
      pending = key;
      pendingTimer = setTimeout(() => (pending = undefined), 1200);
    }
  });
}
