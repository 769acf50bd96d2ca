import type { SatelliteView } from '@taskomatic/shared/ipc';
import { parseCron } from '@taskomatic/shared/schedule';
import { useMemo } from 'react';
import { TimeText } from '../../components/time-text';
import { formatDuration } from '../../lib/time-format';
import { cronHints } from './cron-hints';
import { describeDstNote, dstNotes } from './dst-notes';
import type { CollisionCheck } from './use-collisions';

/** How far ahead daylight-saving changes are looked for (default: 400 days: every change of the coming year). */
const DST_HORIZON_MS = 400 * 86_400_000;

/**
 * What to know before saving: Unix-cron habits (both day fields, five fields, day 31), daylight-saving changes
 * that shift or repeat one of its times, and collisions with runs of the same non-parallelizable task.
 */
export function TimingWarnings({ cron, kind, valid, zone, collisions, satellite, orgAdmin, onFix }: {
  cron: string;
  kind: 'cron' | 'once';
  valid: boolean;
  zone: string;
  collisions: CollisionCheck;
  satellite: SatelliteView | undefined;
  orgAdmin: boolean;
  onFix: (cron: string) => void;
}) {
  const hints = kind === 'cron' ? cronHints(cron) : [];
  const dst = useMemo(() => {
    if (kind !== 'cron' || !valid) return [];
    try {
      const now = Date.now();
      return dstNotes(parseCron(cron), zone, now, now + DST_HORIZON_MS).map((note) => describeDstNote(note, zone));
    } catch {
      return [];
    }
  }, [cron, kind, valid, zone]);

  return (
    <div className="timing-warnings" data-testid="timing-warnings">
      {hints.map((hint) => (
        <div key={hint.id} className="notice notice--warning" data-warning={hint.id}>
          {hint.message}{' '}
          {hint.fixes.map((fix) => (
            <button key={fix.cron} type="button" className="link-button" onClick={() => onFix(fix.cron)} title={fix.cron}>
              {fix.label} (<code>{fix.cron}</code>)
            </button>
          ))}
        </div>
      ))}
      {dst.map((text) => (
        <div key={text} className="notice notice--warning" data-warning="dst">
          ⚠ {text}
        </div>
      ))}
      {collisions.collisions.map((collision) => (
        <div key={`${collision.scheduleId}-${collision.task}`} className="notice notice--warning" data-warning="collision">
          ⚠ {collision.count} fire{collision.count === 1 ? '' : 's'} in the next 14 days overlap <strong>{collision.label}</strong>, which also runs <code>{collision.task}</code> (one at a time on this satellite): the later run waits. First: mine at <TimeText date={new Date(collision.mine)} satellite={satellite} />, its run from <TimeText date={new Date(collision.theirs)} satellite={satellite} style="time" />.
        </div>
      ))}
      {collisions.status === 'ready' && collisions.collisions.length > 0 && collisions.assumed && <p className="muted">Runs of this bunch are assumed to take about {formatDuration(collisions.durationMs)} (no finished run to measure yet).</p>}
      {collisions.status === 'error' && <p className="muted">Collisions could not be checked: {collisions.error}</p>}
      {orgAdmin && collisions.status === 'ready' && <p className="muted">Collisions are checked against the schedules you can see; satellite-level work you cannot see may still make a run wait.</p>}
    </div>
  );
}
