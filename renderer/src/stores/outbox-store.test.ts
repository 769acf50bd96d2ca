import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueuedMove } from '../features/calendar/drag/outbox-entry';

/** The renderer's local storage, as a map (the tests run in node). */
const saved = new Map<string, string>();
const storage = { getItem: (key: string) => saved.get(key) ?? null, setItem: (key: string, value: string) => void saved.set(key, value), removeItem: (key: string) => void saved.delete(key) };

const move: QueuedMove = {
  id: 'sat/o3@1@100',
  satelliteId: 'sat',
  item: { key: 'sat/o3@1', satelliteId: 'sat', kind: 'occurrence', start: 1000, end: 2000, tailEnd: 2000, status: 'READY', scheduleId: 3, label: 'nightly', bunch: 'b', locked: false },
  choice: 'only',
  target: 5000,
  before: 1000,
  after: 5000,
  call: { method: 'schedules.moveOccurrence', request: { id: 3, version: 4, occurrence: 1000, to: 5000, reason: 'Moved on the calendar' } },
  basis: { version: 4, label: 'nightly', timeZone: 'UTC', paused: false, exceptions: [], updatedAt: 0 },
  queuedAt: 100,
  state: 'sending',
};

/** A fresh module, as after a reload of the app. */
async function freshStore() {
  vi.resetModules();
  return (await import('./outbox-store')).useOutboxStore;
}

describe('the outbox store', () => {
  beforeEach(() => {
    saved.clear();
    vi.stubGlobal('localStorage', storage);
  });

  it('survives a reload; a send cut short waits again, to be read back before anything is sent', async () => {
    const before = await freshStore();
    before.getState().add(move);
    before.getState().reopen(move.id);
    const after = await freshStore();
    expect(after.getState().moves).toEqual([{ ...move, state: 'waiting' }]);
    expect(after.getState().reopened).toBeUndefined();
  });

  it('drops a settled move and keeps the question of one whose time passed', async () => {
    const store = await freshStore();
    store.getState().add({ ...move, state: 'waiting' });
    store.getState().add({ ...move, id: 'other', state: 'waiting' });
    store.getState().settle(move.id, { kind: 'confirmed' });
    store.getState().settle('other', { kind: 'needs-decision', passed: 'occurrence' });
    const after = await freshStore();
    expect(after.getState().moves).toEqual([{ ...move, id: 'other', state: 'needs-decision', passed: 'occurrence' }]);
  });

  it('forgets an outbox kept in another shape rather than misreading it', async () => {
    saved.set('taskomatic.outbox', JSON.stringify({ state: { moves: [{ id: 'old' }] }, version: 0 }));
    const store = await freshStore();
    expect(store.getState().moves).toEqual([]);
  });
});
