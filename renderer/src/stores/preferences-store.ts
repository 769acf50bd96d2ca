import { create } from 'zustand';

/** Which zone absolute times are shown in: mine (this computer's), the satellite's, or UTC. */
export type DisplayZone = 'mine' | 'satellite' | 'utc';

interface Preferences {
  readonly displayZone: DisplayZone;
  /** 24-hour clock (default: true). */
  readonly hour24: boolean;
}

interface PreferencesState extends Preferences {
  setDisplayZone(zone: DisplayZone): void;
  setHour24(hour24: boolean): void;
}

const KEY = 'taskomatic.preferences';
const DEFAULTS: Preferences = { displayZone: 'mine', hour24: true };

function saved(): Preferences {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Preferences>;
    return {
      displayZone: value.displayZone === 'satellite' || value.displayZone === 'utc' ? value.displayZone : 'mine',
      hour24: value.hour24 !== false,
    };
  } catch {
    return DEFAULTS;
  }
}

/** Display preferences, kept in the renderer's local storage (nothing secret). */
export const usePreferencesStore = create<PreferencesState>()((set, get) => {
  const persist = (change: Partial<Preferences>) => {
    set(change);
    const { displayZone, hour24 } = get();
    localStorage.setItem(KEY, JSON.stringify({ displayZone, hour24 }));
  };
  return {
    ...saved(),
    setDisplayZone: (displayZone) => persist({ displayZone }),
    setHour24: (hour24) => persist({ hour24 }),
  };
});
