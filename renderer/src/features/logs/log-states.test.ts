import { describe, expect, it } from 'vitest';
import { type StreamFacts, removalTime, viewerStateOf } from './log-states';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const ready = (size: number, complete: boolean): StreamFacts => ({ status: 'ready', loaded: true, size, dropped: 0, complete });
const failed = (error: StreamFacts['error']): StreamFacts => ({ status: 'error', loaded: false, size: 0, dropped: 0, complete: false, error });

describe('viewerStateOf', () => {
  it('shows the panes as soon as a stream has output', () => {
    expect(viewerStateOf([ready(10, false), ready(0, false)], true, undefined, undefined, NOW)).toBeUndefined();
    expect(viewerStateOf([ready(0, true), { ...ready(0, true), dropped: 5 }], true, undefined, undefined, NOW)).toBeUndefined();
  });

  it('waits for the first output of a run under way, and says when a run ended without any', () => {
    expect(viewerStateOf([ready(0, false), ready(0, false)], true, undefined, undefined, NOW)).toBe('waiting');
    expect(viewerStateOf([ready(0, true), ready(0, true)], true, undefined, undefined, NOW)).toBe('empty');
  });

  it('tells a run removed by retention from one not permitted', () => {
    const notFound = failed({ kind: 'fault', fault: 'NOT_FOUND', message: 'Run 4 does not exist' });
    expect(viewerStateOf([notFound], true, new Date('2026-03-01T00:00:00Z'), 7, NOW)).toBe('purged');
    expect(viewerStateOf([notFound], true, new Date('2026-03-09T00:00:00Z'), 7, NOW)).toBe('denied');
    expect(viewerStateOf([notFound], true, undefined, 7, NOW)).toBe('denied');
    expect(viewerStateOf([failed({ kind: 'fault', fault: 'PERMISSION_DENIED', message: 'no' })], true, undefined, undefined, NOW)).toBe('denied');
    expect(removalTime(new Date('2026-03-01T00:00:00Z'), 7).toISOString()).toBe('2026-03-08T00:00:00.000Z');
  });

  it('is offline when the satellite cannot be reached and nothing was loaded', () => {
    expect(viewerStateOf([failed({ kind: 'offline', message: 'timed out' })], true, undefined, undefined, NOW)).toBe('offline');
    expect(viewerStateOf([{ status: 'loading', loaded: false, size: 0, dropped: 0, complete: false }], false, undefined, undefined, NOW)).toBe('offline');
    expect(viewerStateOf([{ status: 'loading', loaded: false, size: 0, dropped: 0, complete: false }], true, undefined, undefined, NOW)).toBe('loading');
    expect(viewerStateOf([failed({ kind: 'internal', message: 'bug' })], true, undefined, undefined, NOW)).toBe('error');
  });
});
