import { describe, expect, it } from 'vitest';
import { blockText, hasLabel } from './block-look';
import type { CalendarItem } from './calendar-items';

const fire: CalendarItem = { key: 'k', satelliteId: 's', kind: 'occurrence', start: 0, end: 1, tailEnd: 1, status: 'READY', label: 'nightly-sync', bunch: 'b', locked: false };
const failed: CalendarItem = { ...fire, kind: 'run', status: 'FAILED' };

describe('block text', () => {
  it('says as much as the block has room for: the glyph, then the icon, then the label', () => {
    expect(blockText(fire, 'glyph', '▲')).toBe('▲');
    expect(blockText(failed, 'icon', '▲')).toBe('▲ ✕');
    // With a label, the glyph is drawn before it by CSS, in the satellite's colour.
    expect(blockText(fire, 'label', '▲')).toBe('◷ nightly-sync');
    expect(blockText({ ...fire, movedFrom: 5 }, 'label', '▲')).toBe('◷ nightly-sync (moved)');
  });

  it('adds a band its summary only where asked, and clips only what has a label', () => {
    const band: CalendarItem = { ...fire, kind: 'band', band: { count: 288, everySeconds: 300 } };
    expect(blockText(band, 'summary', '●')).toBe('◷ nightly-sync · every 5 min · 288 fires');
    expect(blockText(band, 'label', '●')).toBe('◷ nightly-sync');
    expect([hasLabel('glyph'), hasLabel('icon'), hasLabel('label'), hasLabel('summary')]).toEqual([false, false, true, true]);
  });
});
