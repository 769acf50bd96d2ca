import type { SatelliteView } from '@taskomatic/shared/ipc';
import { isValidTimeZone } from '@taskomatic/shared/schedule';
import { TimeText } from '../../components/time-text';
import { MY_ZONE } from '../../lib/time-format';
import { cronSentence } from './cron-words';
import type { ScheduleDraft } from './editor-draft';
import { NextFires } from './next-fires';
import { PresetFields } from './preset-fields';
import { TimingWarnings } from './timing-warnings';
import type { CollisionCheck } from './use-collisions';
import type { CronPreview } from './use-cron-preview';
import { instantOfWallInput } from './wall-time';

const ZONES: ReadonlyArray<string> = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** When it runs: a cron (presets or raw Quartz) or one instant, the zone, what it means, its next fires, warnings. */
export function TimingSection({ draft, preview, collisions, satellite, orgAdmin, problems, serverCronError, onChange }: {
  draft: ScheduleDraft;
  preview: CronPreview;
  collisions: CollisionCheck;
  satellite: SatelliteView | undefined;
  orgAdmin: boolean;
  problems: Partial<Record<'timeZone' | 'cron' | 'runAt', string>>;
  serverCronError?: string;
  onChange: (change: Partial<ScheduleDraft>) => void;
}) {
  const answered = preview.expression === draft.cron.trim();
  const checking = preview.status === 'checking' || !answered;
  const cronError = (answered && preview.valid === false ? preview.error : undefined) ?? serverCronError;
  const zoneError = preview.zoneError ?? problems.timeZone;
  const runAt = instantOfWallInput(draft.runAt, draft.timeZone);
  // Formatting in an unknown zone throws: no fire is shown until the zone is one Intl knows.
  const zoneKnown = draft.timeZone !== '' && isValidTimeZone(draft.timeZone);

  return (
    <section className="card editor-section" aria-label="When it runs">
      <h2>When</h2>
      <div className="segmented" role="radiogroup" aria-label="Kind">
        {(['cron', 'once'] as const).map((kind) => (
          <button key={kind} type="button" role="radio" aria-checked={draft.kind === kind} data-kind={kind} className={draft.kind === kind ? 'segmented--current' : ''} onClick={() => onChange({ kind })}>
            {kind === 'cron' ? 'Repeating (cron)' : 'Once'}
          </button>
        ))}
      </div>
      <label className="editor-zone">
        Time zone
        <input list="time-zones" data-testid="time-zone-input" value={draft.timeZone} onChange={(event) => onChange({ timeZone: event.target.value })} aria-invalid={zoneError !== undefined} className={zoneError ? 'field--invalid' : ''} />
        <datalist id="time-zones">
          {ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <span className={zoneError ? 'field__problem' : 'muted field__hint'}>{zoneError ?? `${satellite?.timeZone === draft.timeZone ? "The satellite's zone. " : ''}The ${draft.kind === 'cron' ? 'cron is evaluated' : 'time is read'} on this zone's wall clock.`}</span>
      </label>
      {draft.kind === 'cron' ? (
        <>
          <PresetFields cron={draft.cron} onCron={(cron) => onChange({ cron })} />
          <label>
            Quartz cron (seconds minutes hours day-of-month month day-of-week [year])
            <input id="cron-input" data-testid="cron-input" className={`cron-input ${cronError || problems.cron ? 'field--invalid' : ''}`} value={draft.cron} onChange={(event) => onChange({ cron: event.target.value })} spellCheck={false} aria-invalid={cronError !== undefined} />
          </label>
          {(cronError ?? problems.cron) && (
            <span className="field__problem" role="alert" data-testid="cron-error">
              {cronError ?? problems.cron}
            </span>
          )}
          <p className={`cron-sentence ${checking ? 'cron-sentence--checking' : ''}`} data-testid="cron-sentence">
            <CronSentenceText preview={preview} cron={draft.cron} zone={draft.timeZone} answered={answered} />
          </p>
          <h3>Next five fires</h3>
          <NextFires fires={preview.valid && zoneKnown ? preview.next : []} zone={draft.timeZone} satelliteName={satellite?.name} satelliteZone={satellite?.timeZone} checking={checking} empty={!zoneKnown ? 'None until the time zone is known.' : preview.valid ? 'No fire ahead: the years it names are past.' : preview.status === 'failed' ? 'The satellite could not be asked.' : 'None until the expression is valid.'} />
        </>
      ) : (
        <label>
          Runs once at (in {draft.timeZone || 'the schedule zone'})
          <input type="datetime-local" data-testid="run-at-input" value={draft.runAt} onChange={(event) => onChange({ runAt: event.target.value })} className={problems.runAt ? 'field--invalid' : ''} />
          {problems.runAt ? <span className="field__problem">{problems.runAt}</span> : runAt && <span className="muted field__hint">That is <TimeText date={runAt} satellite={satellite} /> {draft.timeZone !== MY_ZONE ? '(display zone)' : ''}</span>}
        </label>
      )}
      <TimingWarnings cron={draft.cron} kind={draft.kind} valid={answered && preview.valid === true} zone={draft.timeZone} collisions={collisions} satellite={satellite} orgAdmin={orgAdmin} onFix={(cron) => onChange({ cron })} />
    </section>
  );
}

/** The sentence the cron means, as the server said it, or why there is none yet. */
function CronSentenceText({ preview, cron, zone, answered }: { preview: CronPreview; cron: string; zone: string; answered: boolean }) {
  if (preview.status === 'failed') return <span className="muted">Could not ask the satellite ({preview.failure}). Read here: {cronSentence(cron) ?? 'not a valid cron'}</span>;
  if (!answered || preview.status === 'checking') return <span className="muted">Checking…</span>;
  if (preview.zoneError) return <span className="muted">{cronSentence(cron) ?? ''} (the satellite does not know this time zone)</span>;
  if (preview.valid) return <>{`${preview.description ?? cronSentence(cron) ?? ''}, in ${zone}`}</>;
  return <span className="muted">Not a valid Quartz cron yet.</span>;
}
