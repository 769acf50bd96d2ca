import type { SatelliteView } from '@taskomatic/shared/ipc';
import { describe, expect, it } from 'vitest';
import { LOOK_SLOTS, lookStyle, lookVariables, looksOf } from './satellite-looks';

const satellite = (index: number): SatelliteView => ({ id: `id-${index}`, name: `sat-${index}`, url: 'http://127.0.0.1', username: 'admin', colour: `#00000${index % 10}`, glyph: index % 2 ? '▲' : '●', passwordSaved: false, status: 'connected' });

describe('satellite looks', () => {
  it('gives the first satellites a class whose colour and glyph the screen sets once', () => {
    const looks = looksOf([satellite(0), satellite(1)]);
    expect(looks.get('id-1')).toMatchObject({ name: 'sat-1', glyph: '▲', slotClass: 'calendar-sat-1' });
    expect(lookVariables(looks)).toEqual({ '--calendar-sat-0': '#000000', '--calendar-glyph-0': '"●"', '--calendar-sat-1': '#000001', '--calendar-glyph-1': '"▲"' });
    expect(lookStyle(looks.get('id-1'))).toBeUndefined();
  });

  it('gives a satellite past the slots its own colour and glyph', () => {
    const looks = looksOf(Array.from({ length: LOOK_SLOTS + 1 }, (_, index) => satellite(index)));
    const last = looks.get(`id-${LOOK_SLOTS}`);
    expect(last?.slotClass).toBe('');
    expect(lookStyle(last)).toEqual({ '--sat': last?.colour, '--glyph': `"${last?.glyph}"` });
  });
});
