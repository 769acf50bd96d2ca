import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesced';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('coalesced', () => {
  it('runs once more after the run under way, however many calls came meanwhile', async () => {
    const runs: string[] = [];
    const release = new Map<string, () => void>();
    const refresh = coalesced(async (key) => {
      runs.push(key);
      await new Promise<void>((resolve) => release.set(key, resolve));
    }, 0);
    refresh.run('a');
    refresh.run('a');
    refresh.run('a');
    refresh.run('b');
    expect(runs).toEqual(['a', 'b']);
    release.get('a')?.();
    await tick();
    await tick();
    await tick();
    expect(runs.filter((key) => key === 'a')).toHaveLength(2);
  });
  it('waits the spacing before the next run, and keeps going after a failure', async () => {
    const runs: number[] = [];
    const waits: number[] = [];
    let finishWait: () => void = () => undefined;
    const refresh = coalesced(
      async () => {
        runs.push(runs.length);
        throw new Error('offline');
      },
      1000,
      (ms) => {
        waits.push(ms);
        return new Promise<void>((resolve) => (finishWait = resolve));
      },
    );
    refresh.run('a');
    await tick();
    refresh.run('a');
    await tick();
    expect(runs).toEqual([0]);
    expect(waits).toEqual([1000]);
    finishWait();
    await tick();
    expect(runs).toEqual([0, 1]);
  });
});
