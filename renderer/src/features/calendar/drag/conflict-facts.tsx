import { TimeText } from '../../../components/time-text';
import { useSatellite } from '../../../stores/satellites-store';
import type { ConflictFacts, FieldChange } from './outbox-entry';
import './outbox.css';

/**
 * Who changed a schedule while a move waited, and what: the server's conflict message (it names the actor), the
 * actors from the audit trail when the user may read it, and each field that differs from what the move was
 * planned on.
 */
export function ConflictFactsText({ facts, satelliteId }: { facts: ConflictFacts; satelliteId: string }) {
  const satellite = useSatellite(satelliteId);
  return (
    <div className="conflict-facts" data-testid="conflict-facts">
      {facts.message && <div className="conflict-facts__message">{facts.message}</div>}
      {!facts.message && (
        <div>
          Changed meanwhile{facts.actors && facts.actors.length > 0 ? ` by ${facts.actors.join(', ')}` : ''}
          {facts.changedAt !== undefined && (
            <>
              {' '}
              (last at <TimeText date={new Date(facts.changedAt)} satellite={satellite} />)
            </>
          )}
          .
        </div>
      )}
      {facts.message && facts.actors && facts.actors.length > 0 && <div>Changes since your move was planned: {facts.actors.join(', ')}.</div>}
      {facts.changes.length > 0 && (
        <ul className="conflict-facts__changes">
          {facts.changes.map((change) => (
            <li key={`${change.field}@${change.at ?? ''}`} data-testid="conflict-change" data-field={change.field}>
              <ChangeText change={change} satellite={satellite} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ChangeText({ change, satellite }: { change: FieldChange; satellite: ReturnType<typeof useSatellite> }) {
  const value = (text: string | number | undefined) => (typeof text === 'number' ? change.field === 'fire' ? <>moved to <TimeText date={new Date(text)} satellite={satellite} /></> : <TimeText date={new Date(text)} satellite={satellite} /> : <code>{text ?? '—'}</code>);
  return (
    <>
      {change.field === 'fire' && change.at !== undefined ? (
        <>
          fire of <TimeText date={new Date(change.at)} satellite={satellite} />
        </>
      ) : (
        change.field
      )}
      : {value(change.before)} → {value(change.after)}
    </>
  );
}
