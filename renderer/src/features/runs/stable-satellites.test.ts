import type { SatelliteView } from '@taskomatic/shared/ipc';
import { describe, expect, it } from 'vitest';
import { stabilize } from './stable-satellites';

const view = (id: string, extra: Partial<SatelliteView> = {}): SatelliteView => ({ id, name: id, url: 'http://x', username: 'admin', colour: '#000', glyph: '●', passwordSaved: true, status: 'connected', ...extra });

describe('stabilize', () => {
  it('keeps the old objects when only the last-seen time or latency changed', () => {
    const before = [view('a'), view('b')];
    const after = stabilize(before, [view('a', { lastSeen: new Date(), latencyMs: 12 }), view('b')]);
    expect(after).toBe(before);
  });
  it('takes the new object of a satellite whose shown state changed, and keeps the others', () => {
    const before = [view('a'), view('b')];
    const after = stabilize(before, [view('a', { status: 'offline' }), view('b')]);
    expect(after).not.toBe(before);
    expect(after[0]?.status).toBe('offline');
    expect(after[1]).toBe(before[1]);
  });
  it('follows satellites added and removed', () => {
    const before = [view('a')];
    expect(stabilize(before, [view('a'), view('b')]).map((item) => item.id)).toEqual(['a', 'b']);
    expect(stabilize(before, [])).toEqual([]);
  });
});
