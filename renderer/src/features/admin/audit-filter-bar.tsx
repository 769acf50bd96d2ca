import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useEffect, useState, type FormEvent } from 'react';
import { zoneOf } from '../../lib/time-format';
import { usePreferencesStore } from '../../stores/preferences-store';
import { isoToWallInput, isFiltered, TARGET_TYPES, wallInputToIso, type AuditFilter } from './audit-filters';

const PRESETS = [
  { label: 'Last hour', ms: 3_600_000 },
  { label: '24 h', ms: 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
] as const;

/** The audit filters: who, what kind of target, which one, and when (in the display zone); applied with Enter or Apply. */
export function AuditFilterBar({ satellite, filter, onChange }: { satellite: SatelliteView; filter: AuditFilter; onChange: (filter: AuditFilter) => void }) {
  const displayZone = usePreferencesStore((state) => state.displayZone);
  const zone = zoneOf(displayZone, satellite.timeZone);
  const [actor, setActor] = useState(filter.actor ?? '');
  const [targetId, setTargetId] = useState(filter.targetId ?? '');
  const [from, setFrom] = useState(isoToWallInput(filter.from, zone));
  const [to, setTo] = useState(isoToWallInput(filter.to, zone));

  // The filter also changes from outside (a click on an entry's actor, Back): the fields follow it.
  useEffect(() => {
    setActor(filter.actor ?? '');
    setTargetId(filter.targetId ?? '');
    setFrom(isoToWallInput(filter.from, zone));
    setTo(isoToWallInput(filter.to, zone));
  }, [filter, zone]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ ...filter, actor: actor.trim() || undefined, targetId: targetId.trim() || undefined, from: wallInputToIso(from, zone), to: wallInputToIso(to, zone) });
  }
  function preset(ms: number) {
    const start = new Date(Date.now() - ms).toISOString();
    setFrom(isoToWallInput(start, zone));
    setTo('');
    onChange({ ...filter, from: start, to: undefined });
  }
  function clear() {
    setActor('');
    setTargetId('');
    setFrom('');
    setTo('');
    onChange({});
  }

  return (
    <form className="audit-filters" onSubmit={submit} aria-label="Audit filters" data-testid="audit-filters">
      <label>
        Who
        <input value={actor} onChange={(event) => setActor(event.target.value)} placeholder="user name" />
      </label>
      <label>
        Target
        <select value={filter.targetType ?? ''} onChange={(event) => onChange({ ...filter, targetType: event.target.value || undefined })}>
          <option value="">any</option>
          {TARGET_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label>
        Target id
        <input value={targetId} onChange={(event) => setTargetId(event.target.value)} size={6} />
      </label>
      <label>
        From ({zone})
        <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
      </label>
      <label>
        To ({zone})
        <input type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
      </label>
      <button type="submit" className="primary">
        Apply
      </button>
      <span className="audit-filters__presets">
        {PRESETS.map((item) => (
          <button key={item.label} type="button" className="link-button" onClick={() => preset(item.ms)}>
            {item.label}
          </button>
        ))}
        {isFiltered(filter) && (
          <button type="button" className="link-button" onClick={clear}>
            Clear filters
          </button>
        )}
      </span>
    </form>
  );
}
