import type { ScheduleInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { TimeText } from '../../components/time-text';
import type { FieldChange, ShownValue } from './schedule-diff';

/** A save refused because the schedule changed since it was read: who changed what. */
export interface Conflict {
  /** The server's message (it names who changed it, how and when). */
  readonly message: string;
  /** The schedule as it is now. */
  readonly current: ScheduleInfo;
  readonly changes: ReadonlyArray<FieldChange>;
}

function Value({ value, satellite }: { value: ShownValue; satellite: SatelliteView | undefined }) {
  if (value === undefined) return <span className="muted">—</span>;
  if (value instanceof Date) return <TimeText date={value} satellite={satellite} />;
  return <code>{value}</code>;
}

/**
 * The version-conflict panel: the server's word on who changed it, the fields that differ from what I read, and
 * the two ways out: Reload (take theirs, my edits are dropped) or Apply mine (send my form over theirs).
 */
export function VersionConflict({ conflict, readVersion, mine, satellite, busy, onReload, onApplyMine }: {
  conflict: Conflict;
  readVersion: number;
  /** What Apply mine would send, field by field. */
  mine: Partial<Record<keyof ScheduleInfo, ShownValue>>;
  satellite: SatelliteView | undefined;
  busy: boolean;
  onReload: () => void;
  onApplyMine: () => void;
}) {
  const { current, changes } = conflict;
  return (
    <section className="notice notice--warning version-conflict" role="alert" data-testid="version-conflict">
      <h2>Changed by someone else since you opened it</h2>
      <p>{conflict.message}</p>
      <p>
        You read version {readVersion}; it is now version {current.version}, last changed <TimeText date={current.updatedAt} satellite={satellite} relative /> (created by {current.createdBy}).
      </p>
      {changes.length > 0 ? (
        <table className="data version-conflict__changes">
          <thead>
            <tr>
              <th>Field</th>
              <th>When you opened it</th>
              <th>Now on {satellite?.name ?? 'the satellite'}</th>
              <th>Yours (Apply mine sends it)</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field} data-field={change.field}>
                <td>{change.label}</td>
                <td>
                  <Value value={change.before} satellite={satellite} />
                </td>
                <td>
                  <Value value={change.after} satellite={satellite} />
                </td>
                <td>{change.field in mine ? <Value value={mine[change.field]} satellite={satellite} /> : <span className="muted">not sent: theirs stays</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">The fields you edit are as you read them (the change did not touch them, or set them to the same values).</p>
      )}
      {current.ended && <p>It has ended meanwhile: it can no longer be changed.</p>}
      <div className="form-actions">
        <button type="button" data-testid="conflict-reload" onClick={onReload} disabled={busy}>
          Reload (drop my edits)
        </button>
        <button type="button" className="primary" data-testid="conflict-apply-mine" onClick={onApplyMine} disabled={busy || current.ended}>
          Apply mine over theirs
        </button>
      </div>
    </section>
  );
}
