import type { ReactNode } from 'react';

/** The loading state of a panel (with a ready marker the end-to-end tests wait for on the other states). */
export function Loading({ what }: { what: string }) {
  return (
    <div className="panel-state panel-state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

/** The empty state: what is missing and what to do about it. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="panel-state panel-state--empty" data-state="empty">
      <strong>{title}</strong>
      {children && <div className="panel-state__hint">{children}</div>}
    </div>
  );
}

/** The error state: what failed, in words, with a retry. */
export function ErrorState({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div className="panel-state panel-state--error" role="alert" data-state="error">
      <strong>{title}</strong>
      <div className="panel-state__hint">{message}</div>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
