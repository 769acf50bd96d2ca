import type { SatelliteView } from '@taskomatic/shared/ipc';
import { HealthDot, SatelliteBadge } from '../../components/satellite-badge';
import { StatusBadge } from '../../components/status-badge';
import { TimeText } from '../../components/time-text';
import { hashOf } from '../../stores/router-store';
import type { AttentionItem } from './needs-attention';

/** How many items show before "Show all". */
const FIRST = 8;

/** The "needs attention" list across satellites: each item with its satellite, what happened, when, and links. */
export function NeedsAttentionList({ items, satellites, expanded, onExpand }: { items: ReadonlyArray<AttentionItem>; satellites: ReadonlyArray<SatelliteView>; expanded: boolean; onExpand: () => void }) {
  const shown = expanded ? items : items.slice(0, FIRST);
  return (
    <section className="card needs-attention" data-testid="needs-attention" data-count={items.length} aria-label="Needs attention">
      <h2>Needs attention {items.length > 0 && <span className="needs-attention__count">{items.length}</span>}</h2>
      {items.length === 0 ? (
        <p className="muted" data-state="empty">
          ✓ Nothing needs attention: no failures, missed or overdue fires, or long runs in the last 24 hours.
        </p>
      ) : (
        <ul className="needs-attention__list">
          {shown.map((item) => (
            <Item key={item.key} item={item} satellite={satellites.find((satellite) => satellite.id === item.satelliteId)} />
          ))}
        </ul>
      )}
      {!expanded && items.length > FIRST && (
        <button type="button" className="link-button" onClick={onExpand}>
          Show all {items.length}
        </button>
      )}
    </section>
  );
}

function Item({ item, satellite }: { item: AttentionItem; satellite: SatelliteView | undefined }) {
  const scheduleLink = item.scheduleId !== undefined ? hashOf(['schedules', item.satelliteId, item.scheduleId]) : undefined;
  return (
    <li className={`attention-item ${item.stale ? 'stale' : ''}`} data-testid="attention-item" data-kind={item.kind} data-satellite={satellite?.name}>
      <span className="attention-item__status">{item.status ? <StatusBadge status={item.status} /> : satellite && <HealthDot satellite={satellite} />}</span>
      <SatelliteBadge satellite={satellite} />
      <span className="attention-item__what">
        {scheduleLink ? <a href={scheduleLink}>{item.title}</a> : <strong>{item.title}</strong>}
        <span className="muted"> · {item.detail}</span>
      </span>
      <span className="attention-item__when">{item.at && <TimeText date={item.at} satellite={satellite} relative />}</span>
      <span className="attention-item__links">
        {item.bunchRunId !== undefined && <a href={hashOf(['runs', item.satelliteId, item.bunchRunId])}>{item.kind === 'failed' ? 'Latest run' : 'Run'}</a>}
        {item.kind === 'satellite' && <a href="#/satellites">Satellites</a>}
      </span>
    </li>
  );
}
