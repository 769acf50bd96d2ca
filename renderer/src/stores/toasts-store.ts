import { create } from 'zustand';

/** A short message at the bottom of the window, optionally with an action (Undo, Open). */
export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'success' | 'error';
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

interface ToastsState {
  readonly toasts: ReadonlyArray<Toast>;
  /** Shows a toast for `ms` (default 6 s; errors 10 s); returns its id, to dismiss it when its action is done elsewhere. */
  show(toast: Omit<Toast, 'id'>, ms?: number): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToastsStore = create<ToastsState>()((set, get) => ({
  toasts: [],
  show(toast, ms = toast.kind === 'error' ? 10_000 : 6_000) {
    const id = nextId++;
    set({ toasts: [...get().toasts, { ...toast, id }].slice(-5) });
    setTimeout(() => get().dismiss(id), ms);
    return id;
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));

/** Shorthand for an error toast from anything thrown. */
export function toastError(prefix: string, error: unknown): void {
  useToastsStore.getState().show({ kind: 'error', text: `${prefix}: ${error instanceof Error ? error.message : String(error)}` });
}
