import type { SatelliteDraft, SatelliteView } from '@taskomatic/shared/ipc';
import { create } from 'zustand';
import { desktopApi } from '../api';

/** The satellites the app manages, as the main process reports them (never a password or a session). */
interface SatellitesState {
  readonly satellites: ReadonlyArray<SatelliteView>;
  readonly loaded: boolean;
  readonly loadError?: string;
  load(): Promise<void>;
  add(draft: SatelliteDraft): Promise<SatelliteView>;
  update(id: string, draft: SatelliteDraft): Promise<SatelliteView>;
  remove(id: string): Promise<void>;
  login(id: string, password: string): Promise<void>;
  refresh(id: string): Promise<void>;
  /** A pushed state (pushes.ts). */
  applyState(view: SatelliteView): void;
  applyRemoved(id: string): void;
}

export const useSatellitesStore = create<SatellitesState>()((set, get) => ({
  satellites: [],
  loaded: false,
  async load() {
    try {
      set({ satellites: await desktopApi().satellites.list(), loaded: true, loadError: undefined });
    } catch (error) {
      set({ loaded: true, loadError: (error as Error).message });
    }
  },
  async add(draft) {
    const view = await desktopApi().satellites.add(draft);
    get().applyState(view);
    return view;
  },
  async update(id, draft) {
    const view = await desktopApi().satellites.update(id, draft);
    get().applyState(view);
    return view;
  },
  async remove(id) {
    await desktopApi().satellites.remove(id);
    get().applyRemoved(id);
  },
  async login(id, password) {
    get().applyState(await desktopApi().satellites.login(id, password));
  },
  async refresh(id) {
    get().applyState(await desktopApi().satellites.refresh(id));
  },
  applyState(view) {
    const satellites = get().satellites;
    const known = satellites.some((item) => item.id === view.id);
    set({ satellites: known ? satellites.map((item) => (item.id === view.id ? view : item)) : [...satellites, view] });
  },
  applyRemoved(id) {
    set({ satellites: get().satellites.filter((item) => item.id !== id) });
  },
}));

/** One satellite by id (undefined once removed). */
export function useSatellite(id: string | undefined): SatelliteView | undefined {
  return useSatellitesStore((state) => state.satellites.find((item) => item.id === id));
}

/** True when the satellite can be asked for data now. */
export function isReachable(view: SatelliteView): boolean {
  return view.status === 'connected' || view.status === 'slow' || view.status === 'connecting';
}
