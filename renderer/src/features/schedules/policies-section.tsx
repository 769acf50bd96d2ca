import { MISFIRE_POLICIES, OVERLAP_POLICIES, type MisfirePolicy, type OverlapPolicy } from '@taskomatic/shared';
import type { ScheduleDraft } from './editor-draft';

const OVERLAP_WORDS: Readonly<Record<OverlapPolicy, string>> = {
  SKIP: 'Skip the fire (recorded as skipped) while the previous run is still going',
  QUEUE_ONE: 'Queue it: at most one run waits for the previous one to end',
  ALLOW: 'Run it anyway, beside the previous one',
};

const MISFIRE_WORDS: Readonly<Record<MisfirePolicy, string>> = {
  RUN_ONCE: 'Run once to catch up, if the latest missed fire is within the grace period',
  SKIP: 'Skip them (each is recorded as missed)',
};

/** Active window and the two policies, each option said in words. Bounds are wall-clock times in the schedule's zone. */
export function PoliciesSection({ draft, problems, onChange }: { draft: ScheduleDraft; problems: Partial<Record<'activeFrom' | 'activeTill', string>>; onChange: (change: Partial<ScheduleDraft>) => void }) {
  return (
    <section className="card editor-section" aria-label="Window and policies">
      <h2>Window and policies</h2>
      <div className="form-grid">
        <label>
          Active from (in {draft.timeZone}, optional)
          <input type="datetime-local" data-testid="active-from-input" value={draft.activeFrom} onChange={(event) => onChange({ activeFrom: event.target.value })} className={problems.activeFrom ? 'field--invalid' : ''} />
          {problems.activeFrom && <span className="field__problem">{problems.activeFrom}</span>}
        </label>
        <label>
          Active till (optional)
          <input type="datetime-local" data-testid="active-till-input" value={draft.activeTill} onChange={(event) => onChange({ activeTill: event.target.value })} className={problems.activeTill ? 'field--invalid' : ''} />
          {problems.activeTill && <span className="field__problem">{problems.activeTill}</span>}
        </label>
      </div>
      <fieldset className="policy">
        <legend>When it fires while its previous run is still going</legend>
        {OVERLAP_POLICIES.map((policy) => (
          <label key={policy} className="policy__option">
            <input type="radio" name="overlap" value={policy} checked={draft.overlapPolicy === policy} onChange={() => onChange({ overlapPolicy: policy })} />
            <span>
              <code>{policy}</code> {OVERLAP_WORDS[policy]}
              {policy === 'SKIP' && <span className="muted"> (default)</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="policy">
        <legend>Fires missed while the server was down</legend>
        {MISFIRE_POLICIES.map((policy) => (
          <label key={policy} className="policy__option">
            <input type="radio" name="misfire" value={policy} checked={draft.misfirePolicy === policy} onChange={() => onChange({ misfirePolicy: policy })} />
            <span>
              <code>{policy}</code> {MISFIRE_WORDS[policy]}
              {policy === 'RUN_ONCE' && <span className="muted"> (default)</span>}
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
