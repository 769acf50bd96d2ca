import { formatBytes, formatDuration } from '../../lib/time-format';
import type { SettingSpec } from './settings-model';

/** Every zone this computer knows, for the zone field's suggestions. */
const ZONES: ReadonlyArray<string> = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

/** One setting: its label, the input, what the number means in words, its hint, and what is wrong with it. */
export function SettingField({ spec, value, changed, error, onChange }: { spec: SettingSpec; value: string | boolean; changed: boolean; error: string | undefined; onChange: (value: string | boolean) => void }) {
  const id = `setting-${spec.field}`;
  if (spec.kind === 'boolean') {
    return (
      <div className={`setting-field setting-field--switch ${changed ? 'setting-field--changed' : ''}`}>
        <label className="setting-field__switch">
          <input type="checkbox" name={spec.field} checked={value === true} onChange={(event) => onChange(event.target.checked)} />
          {spec.label}
        </label>
        <span className="setting-field__hint">{spec.hint}</span>
      </div>
    );
  }
  return (
    <div className={`setting-field ${changed ? 'setting-field--changed' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      <div className="setting-field__input">
        <input
          id={id}
          name={spec.field}
          value={String(value)}
          inputMode={spec.kind === 'integer' ? 'numeric' : undefined}
          list={spec.kind === 'zone' ? 'setting-zones' : undefined}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onChange(event.target.value)}
        />
        {spec.kind === 'integer' && !error && <span className="muted">{inWords(spec, String(value))}</span>}
      </div>
      {spec.kind === 'zone' && (
        <datalist id="setting-zones">
          {ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      )}
      {error && (
        <span className="setting-field__error" role="alert">
          {error}
        </span>
      )}
      <span className="setting-field__hint" id={`${id}-hint`}>
        {spec.hint}
      </span>
    </div>
  );
}

/** "= 100.0 MB", "= 1 h": the number read in its unit. */
function inWords(spec: SettingSpec, text: string): string {
  const number = Number(text);
  if (text.trim() === '' || !Number.isFinite(number)) return '';
  switch (spec.unit) {
    case 'bytes':
      return `= ${formatBytes(number)}`;
    case 'seconds':
      return `= ${formatDuration(number * 1000)}`;
    case 'minutes':
      return `= ${formatDuration(number * 60_000)}`;
    case 'days':
      return number === 1 ? '= 1 day' : `= ${number} days`;
    case undefined:
      return '';
  }
}
