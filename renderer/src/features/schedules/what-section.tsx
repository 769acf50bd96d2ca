import type { BunchInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { SatelliteBadge } from '../../components/satellite-badge';
import { isReachable } from '../../stores/satellites-store';
import { BunchPicker } from './bunch-picker';
import { BunchSteps } from './bunch-steps';
import type { DraftField, ScheduleDraft } from './editor-draft';
import type { EditorCatalog } from './use-editor-catalog';

/** What runs where: the satellite (new schedules), the bunch, its org, and the label. */
export function WhatSection({ draft, isNew, satellite, satellites, catalog, bunches, orgAdmin, problems, serverLabelError, onSatellite, onChange }: {
  draft: ScheduleDraft;
  isNew: boolean;
  satellite: SatelliteView | undefined;
  satellites: ReadonlyArray<SatelliteView>;
  catalog: EditorCatalog;
  /** The bunches this user may schedule. */
  bunches: ReadonlyArray<BunchInfo>;
  orgAdmin: boolean;
  problems: Partial<Record<DraftField, string>>;
  serverLabelError?: string;
  onSatellite: (satelliteId: string) => void;
  onChange: (change: Partial<ScheduleDraft>) => void;
}) {
  const bunch = catalog.bunches.find((item) => item.name === draft.bunch);
  const labelError = serverLabelError ?? problems.label;
  return (
    <section className="card editor-section" aria-label="What runs">
      <h2>What</h2>
      <div className="form-grid">
        {isNew ? (
          <label>
            Satellite
            <select data-testid="satellite-picker" value={satellite?.id ?? ''} onChange={(event) => onSatellite(event.target.value)}>
              {satellites.map((item) => (
                <option key={item.id} value={item.id} disabled={!isReachable(item)}>
                  {item.glyph} {item.name}
                  {isReachable(item) ? '' : ` (${item.status})`}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <div className="field">
            <span className="field__label">Satellite</span>
            <SatelliteBadge satellite={satellite} dot />
          </div>
        )}
        <label>
          Label
          <input data-testid="label-input" value={draft.label} onChange={(event) => onChange({ label: event.target.value })} maxLength={200} placeholder="e.g. nightly-base-channel" className={labelError ? 'field--invalid' : ''} aria-invalid={labelError !== undefined} />
          {labelError ? <span className="field__problem">{labelError}</span> : <span className="muted field__hint">Unique among the active schedules of its org (or of the satellite).</span>}
        </label>
      </div>
      <div className="field editor-bunch">
        <span className="field__label">Bunch {orgAdmin ? <span className="muted">(your org's bunches)</span> : null}</span>
        {isNew ? (
          <BunchPicker bunches={bunches} tasks={catalog.tasks} value={draft.bunch} invalid={problems.bunch !== undefined} onChange={(name) => onChange({ bunch: name, params: {}, ...(catalog.bunches.find((item) => item.name === name)?.orgBunch ? {} : { orgId: undefined }) })} />
        ) : (
          <strong>{draft.bunch}</strong>
        )}
        {problems.bunch && <span className="field__problem">{problems.bunch}</span>}
        {bunch && (
          <div className="editor-bunch__details">
            <p className="muted">{bunch.description}</p>
            <BunchSteps bunch={bunch} tasks={catalog.tasks} detailed />
          </div>
        )}
      </div>
      {bunch?.orgBunch && !orgAdmin && (
        <label className="editor-org">
          Org
          <select data-testid="org-picker" value={draft.orgId ?? ''} disabled={!isNew} onChange={(event) => onChange({ orgId: event.target.value ? Number(event.target.value) : undefined })} className={problems.org ? 'field--invalid' : ''}>
            <option value="">Pick an org…</option>
            {catalog.orgs.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </select>
          {problems.org && <span className="field__problem">{problems.org}</span>}
        </label>
      )}
      {bunch && !bunch.orgBunch && <p className="muted">A satellite-level bunch: the schedule belongs to no org.</p>}
    </section>
  );
}
