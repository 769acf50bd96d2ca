import type { SatelliteView } from '@taskomatic/shared/ipc';
import { Empty } from '../../components/panel-state';
import { useNow } from '../../lib/use-now';
import { useOutboxStore } from '../../stores/outbox-store';
import { OutboxRow } from './outbox-row';

/** How often the rows re-read the clock: a waiting move whose time passes turns into a question without new data. */
const TICK_MS = 15_000;

/** The changes waiting for a satellite, oldest first, each with its satellite, what it changes and its state. */
export function OutboxTable({ satellites }: { satellites: ReadonlyArray<SatelliteView> }) {
  const moves = useOutboxStore((state) => state.moves);
  const now = useNow(TICK_MS, moves.length > 0);
  const byId = new Map(satellites.map((satellite) => [satellite.id, satellite]));
  return (
    <section className="card changes-outbox" aria-label="Changes waiting" data-testid="changes-outbox" data-count={moves.length}>
      <header className="changes-section__header">
        <h2>Waiting to be sent</h2>
        <span className="muted">Moves a satellite has not confirmed, kept on this computer until it answers again.</span>
      </header>
      {moves.length === 0 ? (
        <div data-testid="outbox-empty">
          <Empty title="Nothing waiting">Every change reached its satellite. A move made while a satellite is offline waits here, and is sent when it is back.</Empty>
        </div>
      ) : (
        <table className="data outbox-table" data-testid="outbox-table">
          <thead>
            <tr>
              <th>Satellite</th>
              <th>Schedule</th>
              <th>Change</th>
              <th>From → to</th>
              <th>Since</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {[...moves]
              .sort((a, b) => a.queuedAt - b.queuedAt)
              .map((move) => (
                <OutboxRow key={move.id} move={move} satellite={byId.get(move.satelliteId)} now={now} />
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
