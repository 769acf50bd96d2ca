import { presetCron, presetOf, switchPreset, WEEKDAYS, type CronPreset, type PresetKind } from './cron-presets';

const KINDS: ReadonlyArray<readonly [PresetKind | 'custom', string]> = [
  ['hourly', 'Hourly'],
  ['daily', 'Daily'],
  ['weekly', 'Weekly'],
  ['monthly', 'Monthly'],
  ['custom', 'Custom cron'],
];

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * Presets that write the cron for the common cases; "Custom cron" leaves the raw field to the user. The preset
 * shown is read back from the cron, so typing a cron that a preset can say selects that preset.
 */
export function PresetFields({ cron, onCron }: { cron: string; onCron: (cron: string) => void }) {
  const preset = presetOf(cron);
  const set = (next: CronPreset) => onCron(presetCron(next));
  const time = (value: string) => {
    const [hour, minute] = value.split(':').map(Number);
    if (preset && preset.kind !== 'hourly' && Number.isInteger(hour) && Number.isInteger(minute)) set({ ...preset, hour: hour as number, minute: minute as number });
  };

  return (
    <div className="preset-fields">
      <div className="segmented" role="radiogroup" aria-label="Repeat">
        {KINDS.map(([kind, label]) => {
          const current = kind === 'custom' ? preset === undefined : preset?.kind === kind;
          return (
            <button key={kind} type="button" role="radio" aria-checked={current} data-preset={kind} className={current ? 'segmented--current' : ''} onClick={() => (kind === 'custom' ? document.getElementById('cron-input')?.focus() : set(switchPreset(kind, preset)))}>
              {label}
            </button>
          );
        })}
      </div>
      {preset?.kind === 'hourly' && (
        <label className="preset-fields__inline">
          at minute
          <input type="number" min={0} max={59} value={preset.minute} onChange={(event) => set({ ...preset, minute: Math.min(59, Math.max(0, Number(event.target.value) || 0)) })} />
        </label>
      )}
      {preset?.kind === 'weekly' && (
        <div className="preset-fields__days" role="group" aria-label="Days of the week">
          {WEEKDAYS.map((day) => (
            <label key={day} className="preset-fields__day">
              <input type="checkbox" checked={preset.days.includes(day)} onChange={(event) => set({ ...preset, days: event.target.checked ? [...preset.days, day] : preset.days.filter((item) => item !== day) })} />
              {day.charAt(0) + day.slice(1).toLowerCase()}
            </label>
          ))}
        </div>
      )}
      {preset?.kind === 'monthly' && (
        <label className="preset-fields__inline">
          on day
          <select value={String(preset.day)} onChange={(event) => set({ ...preset, day: event.target.value === 'last' ? 'last' : Number(event.target.value) })}>
            {Array.from({ length: 31 }, (_, index) => index + 1).map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
            <option value="last">last day</option>
          </select>
        </label>
      )}
      {preset && preset.kind !== 'hourly' && (
        <label className="preset-fields__inline">
          at
          <input type="time" value={`${pad(preset.hour)}:${pad(preset.minute)}`} onChange={(event) => time(event.target.value)} required />
        </label>
      )}
    </div>
  );
}
