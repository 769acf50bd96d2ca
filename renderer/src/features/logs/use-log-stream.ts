import { type RefObject, useEffect, useState, useSyncExternalStore } from 'react';
import { type StreamDoc, useLogsStore } from '../../stores/logs-store';
import { keyOf, type StreamRef } from './log-reads';

/** Poll delays: right after new output, when nothing came, after a failure. */
const FAST_MS = 300;
const IDLE_MS = 1500;
const FAILED_MS = 5000;

const LOADING: StreamDoc = { status: 'loading', size: 0, dropped: 0, complete: false, numbering: 'unknown', generation: 0 };

/**
 * One stream of a run, opened by its tail while `active` (the viewer shown, the satellite reachable), and
 * followed while `follow` too (the stream is shown): reads only from the last offset, sooner while output
 * comes, and not at all once the run has ended and everything was read.
 */
export function useLogStream(ref: StreamRef, active: boolean, follow: boolean, live: boolean): StreamDoc {
  const key = keyOf(ref);
  const doc = useLogsStore((state) => state.docs[key]) ?? LOADING;
  const { satelliteId, runId, stream } = ref;

  useEffect(() => {
    const stable = { satelliteId, runId, stream };
    return () => useLogsStore.getState().release(stable);
  }, [satelliteId, runId, stream]);

  const opened = doc.window !== undefined;
  // A first read that failed for want of the satellite is tried again; a fault (not permitted, gone) is not.
  const { status, error } = doc;
  useEffect(() => {
    if (!active || opened) return undefined;
    const open = () => void useLogsStore.getState().open({ satelliteId, runId, stream });
    if (status !== 'error') {
      open();
      return undefined;
    }
    if (error?.kind === 'fault') return undefined;
    const timer = setTimeout(open, FAILED_MS);
    return () => clearTimeout(timer);
  }, [satelliteId, runId, stream, active, opened, status, error]);

  const finished = doc.complete && doc.window !== undefined && doc.window.endOffset >= doc.size;
  useEffect(() => {
    if (!active || !follow || !opened || finished) return undefined;
    const stable = { satelliteId, runId, stream };
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const added = await useLogsStore.getState().poll(stable);
      if (stopped) return;
      const now = useLogsStore.getState().docs[keyOf(stable)];
      timer = setTimeout(() => void tick(), now?.status === 'error' ? FAILED_MS : added > 0 ? FAST_MS : IDLE_MS);
    };
    // `live` changing (the run ended) asks for a read at once: the last output and the `complete` flag.
    timer = setTimeout(() => void tick(), live ? FAST_MS : 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [satelliteId, runId, stream, active, follow, opened, finished, live]);

  return doc;
}

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

/** True while the document is shown (not a background tab, not a minimised window). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState !== 'hidden');
}

/** True while the element is on screen (not scrolled away, not in a collapsed or hidden panel). */
export function useElementVisible(element: RefObject<HTMLElement | null>): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const target = element.current;
    if (!target || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((entry) => entry.isIntersecting)));
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return visible;
}
