import { errorInfoOf, type IpcErrorInfo } from '@taskomatic/shared/ipc';
import { useCallback, useEffect, useRef, useState } from 'react';

/** A panel's data as it loads: never a stale answer over a newer one. */
export interface Loaded<T> {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly data?: T;
  readonly error?: IpcErrorInfo;
  /** The key `data` was loaded for: after the key changes, the previous data stays until the new answer. */
  readonly dataKey?: string;
  readonly reload: () => void;
  /** Replaces the data with what an action returned. */
  readonly set: (data: T) => void;
}

/**
 * Loads `load()` whenever `key` changes (nothing while it is undefined). An answer to an older key is dropped;
 * the previous data stays shown while a reload is under way.
 */
export function useLoad<T>(key: string | undefined, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ status: Loaded<T>['status']; data?: T; error?: IpcErrorInfo; dataKey?: string }>({ status: 'idle' });
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useCallback(() => {
    const mine = ++generation.current;
    if (key === undefined) {
      setState({ status: 'idle' });
      return;
    }
    setState((before) => ({ ...before, status: 'loading' }));
    loader.current().then(
      (data) => mine === generation.current && setState({ status: 'ready', data, dataKey: key }),
      (error: unknown) => mine === generation.current && setState((before) => ({ ...before, status: 'error', error: errorInfoOf(error) })),
    );
  }, [key]);

  useEffect(() => {
    run();
    return () => {
      generation.current++;
    };
  }, [run]);

  const set = useCallback(
    (data: T) => {
      generation.current++;
      setState({ status: 'ready', data, dataKey: key });
    },
    [key],
  );
  return { ...state, reload: run, set };
}
