import { useKeyringReason } from '../../lib/use-keyring-reason';
import { useSatellitesStore } from '../../stores/satellites-store';
import { useToastsStore } from '../../stores/toasts-store';
import { SatelliteForm } from '../satellites/satellite-form';

/** The first start: nothing to oversee yet, so the home screen is the form that adds the first satellite. */
export function Welcome() {
  const keyringReason = useKeyringReason();
  return (
    <div className="screen fleet-welcome" data-screen="fleet" data-state="no-satellites">
      <section className="card fleet-welcome__card">
        <h1>Welcome to Taskomatic</h1>
        <p>
          Add the satellites you look after. The app shows each one's health, what runs now, what failed and what fires next, side by side; it talks to
          each satellite's Taskomatic server through its API, with your user there.
        </p>
        <h2>Add satellite</h2>
        <SatelliteForm
          taken={0}
          keyringReason={keyringReason}
          onSave={async (draft) => {
            const view = await useSatellitesStore.getState().add(draft);
            useToastsStore.getState().show({ kind: 'success', text: `${view.name} added` });
          }}
        />
        <p className="muted">
          More connections, certificates and logins are on the <a href="#/satellites">Satellites</a> screen.
        </p>
      </section>
    </div>
  );
}
