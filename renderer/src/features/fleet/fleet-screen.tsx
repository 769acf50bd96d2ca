import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useCallback, useMemo, useState } from 'react';
import { PartialNotice } from '../../components/partial-notice';
import { useShortcut } from '../../lib/shortcuts';
import { useFleetStore } from '../../stores/fleet-store';
import { useSatellitesStore } from '../../stores/satellites-store';
import { ComingUp } from './coming-up';
import { FleetCard } from './fleet-card';
import { needsAttention } from './needs-attention';
import { NeedsAttentionList } from './needs-attention-list';
import { useFleetRefresh } from './use-fleet-refresh';
import { useNow } from '../../lib/use-now';
import { Welcome } from './welcome';
import './fleet.css';

/** The home screen: a card per satellite, what needs attention across them, and what fires next. */
export function FleetScreen(_props: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  const satellites = useSatellitesStore((state) => state.satellites);
  return satellites.length === 0 ? <Welcome /> : <FleetOverview satellites={satellites} />;
}

function FleetOverview({ satellites }: { satellites: ReadonlyArray<SatelliteView> }) {
  useFleetRefresh();
  const slices = useFleetStore((state) => state.slices);
  const nowMs = useNow(15_000);
  const [expanded, setExpanded] = useState(false);
  const items = useMemo(() => needsAttention(satellites.map((satellite) => ({ satellite, slice: slices[satellite.id] })), nowMs), [satellites, slices, nowMs]);
  // Reloads what answers, and asks the main process to check the offline ones now (they reload when they come back).
  const refresh = useCallback(() => {
    void useFleetStore.getState().loadAll();
    for (const satellite of useSatellitesStore.getState().satellites) if (satellite.status === 'offline') void useSatellitesStore.getState().refresh(satellite.id).catch(() => undefined);
  }, []);
  useShortcut('r', 'Refresh the fleet overview', 'Fleet', refresh);
  const loading = satellites.some((satellite) => slices[satellite.id]?.status === 'loading');

  return (
    <div className="screen fleet" data-screen="fleet">
      <header className="screen__header">
        <h1>Fleet</h1>
        <span className="muted">{loading ? 'Updating…' : 'Updated every 30 s and on every change'}</span>
        <button type="button" onClick={refresh} title="Refresh (r)">
          Refresh
        </button>
      </header>
      <PartialNotice satellites={satellites} slices={slices} onRetry={refresh} />
      <NeedsAttentionList items={items} satellites={satellites} expanded={expanded} onExpand={() => setExpanded(true)} />
      <div className="fleet-cards">
        {satellites.map((satellite) => (
          <FleetCard key={satellite.id} satellite={satellite} slice={slices[satellite.id]} nowMs={nowMs} />
        ))}
      </div>
      <ComingUp satellites={satellites} slices={slices} nowMs={nowMs} />
    </div>
  );
}
