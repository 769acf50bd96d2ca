import { describe, expect, it } from 'vitest';
import { bandSummary, everyWords } from './band-summary';

describe('band summaries', () => {
  it('says how often and how many', () => {
    expect(bandSummary({ count: 1440, everySeconds: 60 })).toBe('every minute · 1,440 fires');
    expect(bandSummary({ count: 336, everySeconds: 1800 })).toBe('every 30 min · 336 fires');
    expect(bandSummary({ count: 500 })).toBe('500 fires');
    expect(everyWords(30)).toBe('every 30 s');
    expect(everyWords(7200)).toBe('every 2 h');
  });

  it('counts past runs by outcome, the worst first', () => {
    expect(bandSummary({ count: 1200, byStatus: { FINISHED: 1180, FAILED: 20 } })).toBe('1,200 runs · 20 ✕ · 1,180 ✓');
  });
});
