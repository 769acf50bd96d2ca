import { useActiveShortcuts } from '../lib/shortcuts';

/** The `?` sheet: every shortcut that works now, by scope. */
export function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  const shortcuts = useActiveShortcuts();
  const scopes = [...new Set(shortcuts.map((item) => item.scope))];
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog shortcuts-sheet" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(event) => event.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        {scopes.map((scope) => (
          <section key={scope}>
            <h3>{scope}</h3>
            <dl>
              {shortcuts
                .filter((item) => item.scope === scope)
                .map((item) => (
                  <div key={`${item.keys}-${item.description}`} className="shortcuts-sheet__row">
                    <dt>
                      {item.keys.split(' ').map((key) => (
                        <kbd key={key}>{key}</kbd>
                      ))}
                    </dt>
                    <dd>{item.description}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
        <p className="muted">Shortcuts never fire while you type in a field.</p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
