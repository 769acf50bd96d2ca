import { errorInfoOf } from '@taskomatic/shared/ipc';
import { useEffect, useState } from 'react';
import { desktopApi } from '../../api';
import { isFault } from './schedule-actions';

/** What the server said of the cron as typed (it is the source of truth for validity, words and fire times). */
export interface CronPreview {
  readonly status: 'idle' | 'checking' | 'ready' | 'failed';
  /** The expression and zone the answer is about. */
  readonly expression?: string;
  readonly valid?: boolean;
  /** The server's INVALID_CRON message, and the field it names. */
  readonly error?: string;
  readonly field?: string;
  readonly description?: string;
  readonly next: ReadonlyArray<Date>;
  /** The zone was refused (INVALID_TIME_ZONE). */
  readonly zoneError?: string;
  /** The satellite could not be asked (offline, expired…). */
  readonly failure?: string;
}

const IDLE: CronPreview = { status: 'idle', next: [] };

/** Asks cron.preview for the next `count` fires, `delayMs` after the user stops typing (default: 350 ms). */
export function useCronPreview(satelliteId: string | undefined, expression: string, timeZone: string, enabled: boolean, count = 5, delayMs = 350): CronPreview {
  const [preview, setPreview] = useState<CronPreview>(IDLE);
  useEffect(() => {
    const trimmed = expression.trim();
    if (!enabled || !satelliteId || trimmed === '' || timeZone === '') {
      setPreview(IDLE);
      return undefined;
    }
    let current = true;
    setPreview((before) => ({ ...before, status: 'checking' }));
    const timer = setTimeout(() => {
      desktopApi()
        .call(satelliteId, 'cron.preview', { expression: trimmed, timeZone, count })
        .then(
          (answer) => {
            if (!current) return;
            setPreview({ status: 'ready', expression: trimmed, valid: answer.valid, next: answer.next, ...(answer.error ? { error: answer.error } : {}), ...(answer.field ? { field: answer.field } : {}), ...(answer.description ? { description: answer.description } : {}) });
          },
          (error: unknown) => {
            if (!current) return;
            if (isFault(error, 'INVALID_TIME_ZONE')) setPreview({ status: 'ready', expression: trimmed, next: [], zoneError: errorInfoOf(error).message });
            else setPreview({ status: 'failed', expression: trimmed, next: [], failure: errorInfoOf(error).message });
          },
        );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [satelliteId, expression, timeZone, enabled, count, delayMs]);
  return preview;
}
