import { zoneOf } from '../../lib/time-format';
import { usePreferencesStore } from '../../stores/preferences-store';
import { useSatellitesStore } from '../../stores/satellites-store';
import { ApplyMineHost } from '../calendar/drag/apply-mine-host';
import { FleetAudit } from './fleet-audit';
import { OutboxTable } from './outbox-table';
import './changes.css';

/**
 * Changes (`#/changes`, UX.md screen 7): the moves waiting for a satellite that was offline, with what each one
 * needs (sent when the satellite is back, a decision when its time passed, Reload or Apply mine when the schedule
 * changed meanwhile), and the audit trail of every satellite: who changed what, when, before and after.
 */
export function ChangesScreen(_props: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  const satellites = useSatellitesStore((state) => state.satellites);
  const displayZone = usePreferencesStore((state) => state.displayZone);
  return (
    <div className="screen changes-screen" data-testid="changes-screen">
      <header className="screen__header">
        <h1>Changes</h1>
      </header>
      <OutboxTable satellites={satellites} />
      <FleetAudit satellites={satellites} />
      <ApplyMineHost zone={zoneOf(displayZone, undefined)} />
    </div>
  );
}
