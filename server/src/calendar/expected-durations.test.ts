import { describe, expect, it } from 'vitest';
import { durationStats } from './expected-durations.js';

describe('durationStats', () => {
  it('is null without durations', () => {
    expect(durationStats([])).toBeNull();
  });

  it('takes the middle value, or the mean of the two middle ones, as the median', () => {
    expect(durationStats([30_000, 10_000, 20_000])).toEqual({ medianSeconds: 20, p95Seconds: 30 });
    expect(durationStats([10_000, 40_000, 20_000, 30_000])).toEqual({ medianSeconds: 25, p95Seconds: 40 });
  });

  it('takes the 95th percentile by nearest rank', () => {
    // Twenty runs of 1..20 s: rank ceil(0.95 * 20) = 19.
    const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 1000);
    expect(durationStats(twenty)).toEqual({ medianSeconds: 11, p95Seconds: 19 });
    expect(durationStats([5000])).toEqual({ medianSeconds: 5, p95Seconds: 5 });
  });

  it('rounds to whole seconds and counts a negative duration as zero', () => {
    expect(durationStats([1499, 1500, -4000])).toEqual({ medianSeconds: 1, p95Seconds: 2 });
  });
});
