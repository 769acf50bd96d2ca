import { describe, expect, it } from 'vitest';
import { commitsOnRelease, copiesOnRelease, dragReducer, IDLE, type DragState, type DragSubject } from './drag-machine';

const cron: DragSubject = { key: 's/o1@1000', kind: 'cron', from: 1000 };
const once: DragSubject = { key: 's/o2@1000', kind: 'once', from: 1000 };
const run = (state: DragState, ...events: Parameters<typeof dragReducer>[1][]) => events.reduce(dragReducer, state);

describe('dragReducer', () => {
  it('a press without travel is a click', () => {
    const state = run(IDLE, { type: 'press', subject: cron, x: 10, y: 10 }, { type: 'move', x: 11, y: 11, target: 2000, allowed: true });
    expect(state.phase).toBe('pressed');
    expect(dragReducer(state, { type: 'release' })).toEqual(IDLE);
  });

  it('travel starts a drag that follows the target, and a cron drop asks', () => {
    const state = run(IDLE, { type: 'press', subject: cron, x: 10, y: 10 }, { type: 'move', x: 10, y: 30, target: 2000, allowed: true }, { type: 'move', x: 10, y: 40, target: 3000, allowed: true });
    expect(state).toEqual({ phase: 'dragging', subject: cron, target: 3000, allowed: true });
    expect(commitsOnRelease(state)).toBe(false);
    expect(dragReducer(state, { type: 'release' })).toEqual({ phase: 'choosing', subject: cron, target: 3000 });
  });

  it('a one-time run commits on release', () => {
    const state = run(IDLE, { type: 'press', subject: once, x: 0, y: 0 }, { type: 'move', x: 0, y: 50, target: 5000, allowed: true });
    expect(commitsOnRelease(state)).toBe(true);
    expect(dragReducer(state, { type: 'release' })).toEqual(IDLE);
  });

  it('a refused drop goes back; Esc cancels at any phase', () => {
    const refused = run(IDLE, { type: 'press', subject: cron, x: 0, y: 0 }, { type: 'move', x: 0, y: 50, target: 5000, allowed: false });
    expect(commitsOnRelease(refused)).toBe(false);
    expect(dragReducer(refused, { type: 'release' })).toEqual(IDLE);
    const choosing = run(IDLE, { type: 'press', subject: cron, x: 0, y: 0 }, { type: 'move', x: 0, y: 50, target: 5000, allowed: true }, { type: 'release' });
    expect(dragReducer(choosing, { type: 'cancel' })).toEqual(IDLE);
  });

  it('ignores a move with no target and a second press', () => {
    const pressed = run(IDLE, { type: 'press', subject: cron, x: 0, y: 0 });
    expect(dragReducer(pressed, { type: 'move', x: 0, y: 90, target: null, allowed: false })).toBe(pressed);
    expect(dragReducer(pressed, { type: 'press', subject: once, x: 5, y: 5 })).toBe(pressed);
  });

  it('a Ctrl+drop on another lane copies on release, whatever the kind; without Ctrl it is refused', () => {
    const copy = run(IDLE, { type: 'press', subject: cron, x: 0, y: 0 }, { type: 'move', x: 0, y: 50, target: 5000, allowed: true, lane: 'sat-2', copy: true });
    expect(copiesOnRelease(copy)).toBe(true);
    expect(commitsOnRelease(copy)).toBe(false);
    expect(dragReducer(copy, { type: 'release' })).toEqual(IDLE);
    const refused = dragReducer(copy, { type: 'move', x: 0, y: 60, target: 5000, allowed: false, lane: 'sat-2', copy: false });
    expect(copiesOnRelease(refused)).toBe(false);
    expect(dragReducer(refused, { type: 'release' })).toEqual(IDLE);
  });
});
