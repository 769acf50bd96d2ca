import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useMemo, type CSSProperties } from 'react';

/** What a block shows of its satellite: its name and glyph, and where its colour comes from. */
export interface SatelliteLook {
  readonly id: string;
  readonly name: string;
  readonly glyph: string;
  readonly colour: string;
  /**
   * `calendar-sat-N` for the first LOOK_SLOTS satellites: the class reads the colour and the glyph from CSS
   * variables the screen sets once, so thousands of blocks carry neither. Empty beyond: see `lookStyle`.
   */
  readonly slotClass: string;
}

export type SatelliteLooks = ReadonlyMap<string, SatelliteLook>;

/** Satellite classes in calendar.css (`.calendar-sat-0` … `.calendar-sat-11`). */
export const LOOK_SLOTS = 12;

export function looksOf(satellites: ReadonlyArray<SatelliteView>): SatelliteLooks {
  return new Map(satellites.map((satellite, index) => [satellite.id, { id: satellite.id, name: satellite.name, glyph: satellite.glyph, colour: satellite.colour, slotClass: index < LOOK_SLOTS ? `calendar-sat-${index}` : '' }]));
}

/**
 * The glyph as a CSS string for `content`. Not `attr(data-glyph)`: a pseudo-element reading an attribute is
 * restyled at any change of its element's attributes, and stepping weeks rewrites thousands of `data-start`s.
 */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** The screen's variables, two per slot (`--calendar-sat-0: #2563eb`, `--calendar-glyph-0: "●"`). */
export function lookVariables(looks: SatelliteLooks): CSSProperties {
  const variables: Record<string, string> = {};
  for (const look of looks.values()) {
    if (!look.slotClass) continue;
    variables[`--${look.slotClass}`] = look.colour;
    variables[`--${look.slotClass.replace('-sat-', '-glyph-')}`] = cssString(look.glyph);
  }
  return variables as CSSProperties;
}

/** A block's own colour and glyph, only for a satellite past the slots (a thirteenth satellite and on). */
export function lookStyle(look: SatelliteLook | undefined): CSSProperties | undefined {
  return look && !look.slotClass ? ({ '--sat': look.colour, '--glyph': cssString(look.glyph) } as CSSProperties) : undefined;
}

/**
 * The satellites as the calendar draws them, the same array until an id, name, glyph, colour, zone or role
 * changes. A satellite's view changes at every health check (latency, last seen); were the calendar to follow,
 * the week's thousands of blocks would be drawn again each time, in the middle of a drag too. Health is read
 * where it is shown (the notice, the sidebar, the timeline's lane names), from the live views.
 */
export function useSteadySatellites(satellites: ReadonlyArray<SatelliteView>): ReadonlyArray<SatelliteView> {
  const signature = satellites.map((satellite) => [satellite.id, satellite.name, satellite.glyph, satellite.colour, satellite.timeZone ?? '', satellite.identity?.role ?? ''].join('\u0000')).join('\u0001');
  // Keyed by the signature on purpose: `satellites` itself changes far more often than what is read from it here.
  return useMemo(() => satellites, [signature]);
}
