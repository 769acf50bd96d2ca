import { errorInfoOf, type IpcErrorInfo } from '@taskomatic/shared/ipc';
import { create } from 'zustand';
import { findFirstLine } from '../features/logs/line-numbering';
import { keyOf, MAX_READ_BYTES, readRange, type StreamRead, type StreamRef } from '../features/logs/log-reads';
import { appendRead, type LogWindow, prependRead, withFirstLine } from '../features/logs/log-window';
import { type LoadedWindow, loadAt, loadTail, PAGE_BYTES, readEarlier } from '../features/logs/window-loads';

/**
 * Most bytes one follow read brings in. Each read is decoded and appended on the page's thread, so it stays
 * small enough not to hold a frame for long; a log that grows faster than this is followed by jumping to its end
 * (the log pane does that once it is more than one page behind).
 */
const FOLLOW_READ_BYTES = 512 * 1024;

/** One log stream as loaded: its window (tail first, then pages by byte offset) and what the server said. */
export interface StreamDoc {
  readonly status: 'loading' | 'ready' | 'error';
  readonly window?: LogWindow;
  /** Bytes stored so far, bytes not stored (past the per-run cap), and whether the run has ended. */
  readonly size: number;
  readonly dropped: number;
  readonly complete: boolean;
  /** The last failure (the window, when there is one, stays shown with `asOf`). */
  readonly error?: IpcErrorInfo;
  readonly asOf?: Date;
  /** A read the user asked for is under way. */
  readonly busy?: 'earlier' | 'later' | 'jump';
  /** Line numbers: known, being found by a search on the satellite, or not findable yet. */
  readonly numbering: 'known' | 'finding' | 'unknown';
  /** Bumped when the window is replaced: answers for an older window are dropped. */
  readonly generation: number;
}

/** Logs up to this size are loaded whole right after their tail. */
const WHOLE_BYTES = 2 * 1024 * 1024;

interface LogsState {
  readonly docs: Readonly<Record<string, StreamDoc>>;
  /** Opens a stream by its tail (a stream already open stays as it is). */
  open(ref: StreamRef): Promise<void>;
  /** Reads what was written after the window; returns the bytes added. Only near the end (not after a jump). */
  poll(ref: StreamRef): Promise<number>;
  /** Reads a page before the window. */
  loadEarlier(ref: StreamRef): Promise<void>;
  /** Reads on after a window that stops before the end (after a jump). */
  loadLater(ref: StreamRef): Promise<void>;
  /** Replaces the window with one starting at a line whose number and offset are known (a search match). */
  jumpTo(ref: StreamRef, line: number, offset: number): Promise<void>;
  /** Back to the end: reads on when close, otherwise opens the tail again. */
  toEnd(ref: StreamRef): Promise<void>;
  /** Forgets a stream (its viewer closed). */
  release(ref: StreamRef): void;
}

/** Streams whose first read is under way: a second `open` meanwhile does nothing. */
const opening = new Set<string>();

const EMPTY_DOC: StreamDoc = { status: 'loading', size: 0, dropped: 0, complete: false, numbering: 'unknown', generation: 0 };

export const useLogsStore = create<LogsState>()((set, get) => {
  const docOf = (ref: StreamRef): StreamDoc => get().docs[keyOf(ref)] ?? EMPTY_DOC;
  const update = (ref: StreamRef, generation: number, change: (doc: StreamDoc) => Partial<StreamDoc>) => {
    const doc = docOf(ref);
    if (doc.generation !== generation) return false;
    set({ docs: { ...get().docs, [keyOf(ref)]: { ...doc, ...change(doc) } } });
    return true;
  };
  const facts = (read: StreamRead): Partial<StreamDoc> => ({ size: read.size, dropped: read.dropped, complete: read.complete, status: 'ready', error: undefined, asOf: new Date() });
  const failed = (ref: StreamRef, generation: number, error: unknown) => update(ref, generation, () => ({ status: 'error', error: errorInfoOf(error), busy: undefined }));

  /** Finds line numbers in the background when the window does not start at offset 0. */
  const number = async (ref: StreamRef, generation: number) => {
    const doc = docOf(ref);
    if (!doc.window || doc.window.firstLine !== undefined) return void update(ref, generation, () => ({ numbering: 'known' }));
    const startOffset = doc.window.startOffset;
    update(ref, generation, () => ({ numbering: 'finding' }));
    try {
      const first = await findFirstLine(ref, doc.window, doc.size, doc.complete);
      update(ref, generation, (now) => {
        if (!now.window || now.window.firstLine !== undefined) return { numbering: 'known' };
        if (first === undefined || now.window.startOffset !== startOffset) return { numbering: 'unknown' };
        return { numbering: 'known', window: withFirstLine(now.window, 0, first) };
      });
    } catch {
      update(ref, generation, () => ({ numbering: 'unknown' }));
    }
  };

  /** Replaces the window with `load`'s (a tail or a jump). */
  const replace = async (ref: StreamRef, load: () => Promise<LoadedWindow>, busy?: StreamDoc['busy']) => {
    const generation = docOf(ref).generation + 1;
    set({ docs: { ...get().docs, [keyOf(ref)]: { ...docOf(ref), generation, busy, ...(docOf(ref).window ? {} : { status: 'loading' }) } } });
    try {
      const { window, read } = await load();
      update(ref, generation, () => ({ ...facts(read), window, busy: undefined }));
      if (read.offset > 0 && read.size <= WHOLE_BYTES) {
        // A small log is loaded whole: a page or two more.
        for (let page = 0; page < WHOLE_BYTES / PAGE_BYTES + 1 && (docOf(ref).window?.startOffset ?? 0) > 0 && docOf(ref).generation === generation; page++) await get().loadEarlier(ref);
      }
      void number(ref, generation);
    } catch (error) {
      failed(ref, generation, error);
    }
  };

  return {
    docs: {},
    async open(ref) {
      const key = keyOf(ref);
      if (docOf(ref).window || opening.has(key)) return;
      opening.add(key);
      try {
        await replace(ref, () => loadTail(ref));
      } finally {
        opening.delete(key);
      }
    },
    async poll(ref) {
      const doc = docOf(ref);
      if (!doc.window || doc.busy === 'jump' || doc.window.endOffset + MAX_READ_BYTES < doc.size) return 0;
      const { generation, window } = doc;
      try {
        const read = await readRange(ref, window.endOffset, FOLLOW_READ_BYTES);
        let added = 0;
        update(ref, generation, (now) => {
          const grown = now.window ? appendRead(now.window, read) : now.window;
          added = grown && now.window ? grown.endOffset - now.window.endOffset : 0;
          return { ...facts(read), window: grown };
        });
        return added;
      } catch (error) {
        failed(ref, generation, error);
        return 0;
      }
    },
    async loadEarlier(ref) {
      const { window, generation } = docOf(ref);
      if (!window || window.startOffset === 0) return;
      update(ref, generation, () => ({ busy: 'earlier' }));
      try {
        const read = await readEarlier(ref, window);
        update(ref, generation, (now) => ({ window: now.window && prependRead(now.window, read), busy: undefined, numbering: read.offset === 0 ? 'known' : now.numbering }));
      } catch (error) {
        failed(ref, generation, error);
      }
    },
    async loadLater(ref) {
      const { window, generation } = docOf(ref);
      if (!window) return;
      update(ref, generation, () => ({ busy: 'later' }));
      try {
        const read = await readRange(ref, window.endOffset, PAGE_BYTES);
        update(ref, generation, (now) => ({ ...facts(read), window: now.window && appendRead(now.window, read), busy: undefined }));
      } catch (error) {
        failed(ref, generation, error);
      }
    },
    async jumpTo(ref, line, offset) {
      await replace(ref, () => loadAt(ref, line, offset), 'jump');
    },
    async toEnd(ref) {
      const doc = docOf(ref);
      if (doc.window && doc.window.endOffset + MAX_READ_BYTES >= doc.size) return void (await get().poll(ref));
      await replace(ref, () => loadTail(ref));
    },
    release(ref) {
      const { [keyOf(ref)]: _gone, ...rest } = get().docs;
      set({ docs: rest });
    },
  };
});
