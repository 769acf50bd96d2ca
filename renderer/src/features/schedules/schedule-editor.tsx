import type { ScheduleInfo } from '@taskomatic/shared';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { desktopApi } from '../../api';
import { ErrorState, Loading } from '../../components/panel-state';
import { SatelliteBadge } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { useShortcut } from '../../lib/shortcuts';
import { onSatelliteChanges } from '../../pushes';
import { useRouterStore } from '../../stores/router-store';
import { isReachable, useSatellitesStore } from '../../stores/satellites-store';
import { bunchParameters } from './bunch-parameters';
import { draftOf, draftProblems, newDraft, updateRequest } from './editor-draft';
import { sentValues } from './schedule-diff';
import { EditorActions } from './editor-actions';
import { parameterProblems } from './parameter-check';
import { ParametersForm } from './parameters-form';
import { PoliciesSection } from './policies-section';
import { TimingSection } from './timing-section';
import { useCollisions } from './use-collisions';
import { useCronPreview } from './use-cron-preview';
import { schedulableBunches, useEditorCatalog } from './use-editor-catalog';
import { useLoad } from './use-load';
import { useScheduleForm } from './use-schedule-form';
import { VersionConflict } from './version-conflict';
import { instantOfWallInput } from './wall-time';
import { WhatSection } from './what-section';
import './schedules.css';

/** Screen 4: `#/schedules/new?satellite=<id>` or `#/schedules/<satellite id>/<schedule id>`. */
export function ScheduleEditor({ segments, query }: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  const satellites = useSatellitesStore((state) => state.satellites);
  const navigate = useRouterStore((state) => state.navigate);
  const replaceQuery = useRouterStore((state) => state.replaceQuery);
  const isNew = segments[0] === 'new';
  const satelliteId = isNew ? (query.satellite ?? satellites.find(isReachable)?.id) : segments[0];
  const scheduleId = isNew ? undefined : Number(segments[1]);
  const satellite = satellites.find((item) => item.id === satelliteId);
  const orgAdmin = satellite?.identity?.role === 'org-admin';
  const scheduleKey = !isNew && satelliteId && Number.isInteger(scheduleId) ? `${satelliteId}/${scheduleId}` : undefined;

  const schedule = useLoad<ScheduleInfo>(scheduleKey, () => desktopApi().call(satelliteId as string, 'schedules.get', { id: scheduleId as number }));
  const catalog = useEditorCatalog(satelliteId);
  const catalogReady = catalog.status !== 'loading' && catalog.dataKey === satelliteId ? catalog.data : undefined;
  const stored = schedule.dataKey === scheduleKey ? schedule.data : undefined;

  const initial = useCallback(() => {
    if (!catalogReady || !satellite) return undefined;
    if (isNew) return newDraft(satellite.timeZone ?? 'UTC');
    if (!stored) return undefined;
    const bunch = catalogReady.bunches.find((item) => item.name === stored.bunch);
    return draftOf(stored, bunch ? bunchParameters(bunch, catalogReady.tasks) : []);
  }, [catalogReady, satellite, isNew, stored]);
  const form = useScheduleForm(satelliteId, stored, catalogReady, initial, `${satelliteId ?? ''}/${scheduleKey ?? 'new'}`);
  const draft = form.draft;

  const preview = useCronPreview(satelliteId, draft?.cron ?? '', draft?.timeZone ?? '', draft?.kind === 'cron');
  const runAt = draft ? instantOfWallInput(draft.runAt, draft.timeZone) : undefined;
  const collisions = useCollisions(satelliteId, catalogReady, { bunch: draft?.bunch ?? '', kind: draft?.kind ?? 'cron', cron: draft?.cron ?? '', timeZone: draft?.timeZone ?? 'UTC', ...(runAt ? { runAt } : {}) }, preview.valid === true && preview.expression === draft?.cron.trim(), scheduleId);

  // Someone else saving this schedule while it is open: see useScheduleForm.outsideChange (a ref, so the
  // subscription is made once per schedule, not at every render).
  const outsideChange = useRef(form.outsideChange);
  outsideChange.current = form.outsideChange;
  useEffect(
    () =>
      onSatelliteChanges((id, changes) => {
        if (id === satelliteId && changes.some((change) => change.kind === 'schedule' && change.id === scheduleId)) void outsideChange.current();
      }),
    [satelliteId, scheduleId],
  );
  useShortcut('Escape', 'Leave the editor', 'Schedule editor', useCallback(() => {
    if (!form.dirty || window.confirm('Leave without saving your changes?')) navigate(['schedules']);
  }, [form.dirty, navigate]));

  const bunch = catalogReady?.bunches.find((item) => item.name === draft?.bunch);
  const problems = useMemo(() => (draft ? draftProblems(draft, { needsOrg: !orgAdmin && bunch?.orgBunch === true, ...(form.read ? { read: form.read } : {}), now: Date.now() }) : {}), [draft, orgAdmin, bunch, form.read]);
  const paramProblems = draft ? parameterProblems(form.parameters, draft.params) : {};
  const cronInvalid = draft?.kind === 'cron' && preview.expression === draft.cron.trim() && preview.valid === false;
  const valid = Object.keys(problems).length === 0 && Object.keys(paramProblems).length === 0 && !cronInvalid && !preview.zoneError;

  if (!satellite) return <div className="screen"><ErrorState title="No such satellite" message={satelliteId ? `The satellite ${satelliteId} is not in this app.` : 'Add a satellite first.'} /></div>;
  if (schedule.status === 'error' && !stored) return <div className="screen"><ErrorState title="Could not open this schedule" message={schedule.error?.message ?? ''} onRetry={schedule.reload} /></div>;
  if (catalog.status === 'error' && !catalogReady) return <div className="screen"><ErrorState title={`Could not read the bunches of ${satellite.name}`} message={catalog.error?.message ?? ''} onRetry={catalog.reload} /></div>;
  if (!draft || !catalogReady) return <div className="screen"><Loading what={isNew ? `the bunches of ${satellite.name}` : 'the schedule'} /></div>;

  const readOnly = form.read?.ended === true || form.read?.locked === true;
  return (
    <form className="screen schedule-editor" data-testid="schedule-editor" data-version={form.read?.version} onSubmit={(event) => { event.preventDefault(); if (!readOnly) form.save(valid); }}>
      <header className="screen__header">
        <h1>{isNew ? 'New schedule' : form.read?.label}</h1>
        <SatelliteBadge satellite={satellite} dot />
        <a href="#/schedules">Back to schedules</a>
      </header>
      {form.read && (
        <p className="muted editor-meta">
          Version {form.read.version} · changed <TimeText date={form.read.updatedAt} satellite={satellite} relative /> · created by {form.read.createdBy}
          {form.read.paused ? ` · paused: ${form.read.pauseReason ?? 'no reason given'}` : ''}
        </p>
      )}
      {form.read?.ended && <p className="notice notice--warning">This schedule has ended{form.read.endReason ? ` (${form.read.endReason})` : ''}: it fires no more and cannot be changed.</p>}
      {form.conflict && form.read && <VersionConflict conflict={form.conflict} readVersion={form.read.version} mine={sentValues(updateRequest(draft, form.parameters, form.read.id, form.conflict.current.version))} satellite={satellite} busy={form.busy} onReload={form.reloadTheirs} onApplyMine={form.applyMine} />}
      <fieldset className="editor-fields" disabled={readOnly}>
        <WhatSection draft={draft} isNew={isNew} satellite={satellite} satellites={satellites} catalog={catalogReady} bunches={schedulableBunches(catalogReady.bunches, orgAdmin)} orgAdmin={orgAdmin} problems={form.attempted ? problems : { ...(problems.label && draft.label ? { label: problems.label } : {}) }} serverLabelError={form.serverErrors.label} onSatellite={(id) => replaceQuery({ satellite: id })} onChange={form.change} />
        {bunch && (
          <section className="card editor-section" aria-label="Parameters">
            <h2>Parameters</h2>
            <ParametersForm parameters={form.parameters} texts={draft.params} attempted={form.attempted} serverProblem={form.serverErrors.params} onChange={(params) => form.change({ params })} />
          </section>
        )}
        <TimingSection draft={draft} preview={preview} collisions={collisions} satellite={satellite} orgAdmin={orgAdmin} problems={{ ...(form.attempted ? problems : problems.timeZone ? { timeZone: problems.timeZone } : {}), ...(form.serverErrors.timeZone ? { timeZone: form.serverErrors.timeZone } : {}) }} serverCronError={form.serverErrors.cron} onChange={form.change} />
        <PoliciesSection draft={draft} problems={problems} onChange={form.change} />
      </fieldset>
      <EditorActions satelliteId={satellite.id} schedule={form.read} isNew={isNew} busy={form.busy} readOnly={readOnly} dirty={form.dirty} invalid={form.attempted && !valid} general={form.serverErrors.general} />
    </form>
  );
}
