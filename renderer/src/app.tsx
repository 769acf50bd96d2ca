import { useCallback, useEffect, useState } from 'react';
import { CommandPalette } from './components/command-palette';
import { ErrorBoundary } from './components/error-boundary';
import { HealthDot } from './components/satellite-badge';
import { ShortcutsSheet } from './components/shortcuts-sheet';
import { Toasts } from './components/toasts';
import { AdminScreen } from './features/admin/admin-screen';
import { CalendarScreen } from './features/calendar/calendar-screen';
import { ChangesNavBadge } from './features/changes/changes-nav-badge';
import { ChangesScreen } from './features/changes/changes-screen';
import { FleetScreen } from './features/fleet/fleet-screen';
import { RunDetailScreen } from './features/runs/run-detail-screen';
import { RunsScreen } from './features/runs/runs-screen';
import { SatellitesScreen } from './features/satellites/satellites-screen';
import { ScheduleEditor } from './features/schedules/schedule-editor';
import { SchedulesScreen } from './features/schedules/schedules-screen';
import { paletteCommands } from './lib/palette-commands';
import { useShortcut } from './lib/shortcuts';
import { MY_ZONE } from './lib/time-format';
import { usePreferencesStore, type DisplayZone } from './stores/preferences-store';
import { useRouterStore, type Route } from './stores/router-store';
import { isReachable, useSatellitesStore } from './stores/satellites-store';
import { useSchedulesStore } from './stores/schedules-store';

const NAV = [
  { path: '', label: 'Fleet', keys: 'g f' },
  { path: 'calendar', label: 'Calendar', keys: 'g k' },
  { path: 'schedules', label: 'Schedules', keys: 'g s' },
  { path: 'runs', label: 'Run history', keys: 'g r' },
  { path: 'changes', label: 'Changes', keys: 'g o' },
  { path: 'satellites', label: 'Satellites', keys: 'g c' },
  { path: 'admin', label: 'Administration', keys: 'g a' },
] as const;

/** The window: navigation, the display-zone switch and the satellites' health, and the current screen. */
export function App() {
  const route = useRouterStore((state) => state.route);
  const navigate = useRouterStore((state) => state.navigate);
  const satellites = useSatellitesStore((state) => state.satellites);
  const loaded = useSatellitesStore((state) => state.loaded);
  const [sheet, setSheet] = useState(false);
  const [palette, setPalette] = useState(false);
  const schedules = useSchedulesStore((state) => state.schedules);
  const setDisplayZone = usePreferencesStore((state) => state.setDisplayZone);
  const anySatAdmin = satellites.some((satellite) => satellite.identity?.role === 'sat-admin');
  const nav = NAV.filter((item) => item.path !== 'admin' || anySatAdmin);

  useShortcut('?', 'Show keyboard shortcuts', 'Everywhere', useCallback(() => setSheet((shown) => !shown), []));
  useShortcut('Escape', 'Close a dialog or sheet', 'Everywhere', useCallback(() => setSheet(false), []), sheet);
  useShortcut(
    'Ctrl+K',
    'Command palette: go to a screen, a schedule, an action',
    'Everywhere',
    useCallback(() => {
      // The palette lists the schedules of every satellite: load those not loaded yet.
      const loaded = useSchedulesStore.getState().schedules;
      for (const satellite of useSatellitesStore.getState().satellites) if (isReachable(satellite) && !loaded[satellite.id]) void useSchedulesStore.getState().load(satellite.id);
      setPalette(true);
    }, []),
  );
  for (const item of NAV) {
    // NAV is constant: the hooks are called in the same order every render.
    useShortcut(item.keys, `Go to ${item.label}`, 'Everywhere', useCallback(() => navigate(item.path ? [item.path] : []), [item.path]));
  }

  return (
    <div className="app" data-ready={loaded ? 'true' : 'false'}>
      <nav className="app__nav" aria-label="Main">
        <div className="app__brand">Taskomatic</div>
        {nav.map((item) => (
          <a key={item.path} href={`#/${item.path}`} className={`app__nav-item ${(route.segments[0] ?? '') === item.path ? 'app__nav-item--current' : ''}`} aria-current={(route.segments[0] ?? '') === item.path ? 'page' : undefined}>
            {item.label}
            {item.path === 'changes' && <ChangesNavBadge />}
          </a>
        ))}
        <div className="app__nav-fleet" aria-label="Satellites">
          {satellites.map((satellite) => (
            <a key={satellite.id} href="#/satellites" className="app__nav-satellite" title={`${satellite.name}: ${satellite.status}`}>
              <span style={{ color: satellite.colour }} aria-hidden="true">
                {satellite.glyph}
              </span>{' '}
              {satellite.name} <HealthDot satellite={satellite} />
            </a>
          ))}
        </div>
        <button type="button" className="app__help link-button" onClick={() => setSheet(true)}>
          Shortcuts <kbd>?</kbd>
        </button>
      </nav>
      <div className="app__main">
        <header className="app__header">
          <ZoneSwitch />
        </header>
        <main className="app__screen">
          {loaded ? (
            <ErrorBoundary key={route.segments.join('/')}>
              <Screen route={route} />
            </ErrorBoundary>
          ) : null}
        </main>
      </div>
      {sheet && <ShortcutsSheet onClose={() => setSheet(false)} />}
      {palette && <CommandPalette commands={paletteCommands({ screens: nav, satellites, schedules, navigate, setDisplayZone })} onClose={() => setPalette(false)} />}
      <Toasts />
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  const [first, ...rest] = route.segments;
  const props = { segments: rest, query: route.query };
  switch (first) {
    case undefined:
      return <FleetScreen {...props} />;
    case 'calendar':
      return <CalendarScreen {...props} />;
    case 'satellites':
      return <SatellitesScreen />;
    case 'schedules':
      return rest.length > 0 ? <ScheduleEditor {...props} /> : <SchedulesScreen {...props} />;
    case 'runs':
      return rest.length > 0 ? <RunDetailScreen {...props} /> : <RunsScreen {...props} />;
    case 'changes':
      return <ChangesScreen {...props} />;
    case 'admin':
      return <AdminScreen {...props} />;
    default:
      return <div className="screen">Nothing at #/{route.segments.join('/')}. <a href="#/">Back to the fleet</a></div>;
  }
}

function ZoneSwitch() {
  const displayZone = usePreferencesStore((state) => state.displayZone);
  const setDisplayZone = usePreferencesStore((state) => state.setDisplayZone);
  useEffect(() => {
    document.documentElement.dataset.zone = displayZone;
  }, [displayZone]);
  return (
    <label className="zone-switch">
      Times in{' '}
      <select value={displayZone} onChange={(event) => setDisplayZone(event.target.value as DisplayZone)} aria-label="Display zone">
        <option value="mine">my zone ({MY_ZONE})</option>
        <option value="satellite">each satellite's zone</option>
        <option value="utc">UTC</option>
      </select>
    </label>
  );
}
