import type { SettingsInfo } from '@taskomatic/shared';
import type { SatelliteView } from '@taskomatic/shared/ipc';
import { errorInfoOf } from '@taskomatic/shared/ipc';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorState, Loading } from '../../components/panel-state';
import { TimeText } from '../../components/time-text';
import { useAdminStore } from '../../stores/admin-store';
import { isReachable } from '../../stores/satellites-store';
import { useToastsStore } from '../../stores/toasts-store';
import { SettingField } from './setting-field';
import { checkSettings, draftOf, faultField, SETTING_SPECS, type SettingsDraft, type SettingsField } from './settings-model';

/** The satellite's settings: loaded, shown, then the form. */
export function SettingsTab({ satellite }: { satellite: SatelliteView }) {
  const slice = useAdminStore((state) => state.settings[satellite.id]);
  const retry = () => void useAdminStore.getState().loadSettings(satellite.id);
  if (!slice?.data) {
    if (slice?.status === 'error') return <ErrorState title={`Could not read the settings of ${satellite.name}`} message={slice.error?.message ?? ''} onRetry={retry} />;
    return <Loading what="settings" />;
  }
  return (
    <>
      {slice.status === 'error' && (
        <p className="notice notice--warning">
          Could not read them again ({slice.error?.message}); shown as of <TimeText date={slice.asOf} satellite={satellite} style="time" />.
        </p>
      )}
      {/* A new key per reading: an untouched form shows what the satellite says now. */}
      <SettingsForm key={satellite.id} satellite={satellite} settings={slice.data} />
    </>
  );
}

function SettingsForm({ satellite, settings }: { satellite: SatelliteView; settings: SettingsInfo }) {
  const [base, setBase] = useState(settings);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(settings));
  const [serverErrors, setServerErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const { errors, changes } = checkSettings(draft, base);
  const dirty = Object.keys(changes).length > 0 || Object.keys(errors).length > 0;
  const changedElsewhere = settings !== base && JSON.stringify(settings) !== JSON.stringify(base);

  // Someone else changed the settings: an untouched form follows them; an edited one says so and offers to reload.
  useEffect(() => {
    if (!dirty && changedElsewhere) {
      setBase(settings);
      setDraft(draftOf(settings));
    }
  }, [settings, dirty, changedElsewhere]);

  const reload = () => {
    setBase(settings);
    setDraft(draftOf(settings));
    setServerErrors({});
    setFormError(undefined);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(errors).length > 0 || Object.keys(changes).length === 0) return;
    setBusy(true);
    setServerErrors({});
    setFormError(undefined);
    try {
      const saved = await useAdminStore.getState().saveSettings(satellite.id, changes);
      setBase(saved);
      setDraft(draftOf(saved));
      useToastsStore.getState().show({ kind: 'success', text: `Settings of ${satellite.name} saved` });
    } catch (error) {
      const info = errorInfoOf(error);
      const field = faultField(info);
      if (field) setServerErrors({ [field]: info.message });
      else setFormError(info.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card settings-form" data-testid="settings-form" onSubmit={(event) => void submit(event)} aria-label={`Settings of ${satellite.name}`} noValidate>
      {changedElsewhere && dirty && (
        <p className="notice notice--warning" role="status">
          The settings changed on {satellite.name} since you started editing.{' '}
          <button type="button" className="link-button" onClick={reload}>
            Reload theirs
          </button>
        </p>
      )}
      <div className="settings-form__fields">
        {SETTING_SPECS.map((spec) => (
          <SettingField key={spec.field} spec={spec} value={draft[spec.field]} changed={spec.field in changes} error={errors[spec.field] ?? serverErrors[spec.field]} onChange={(value) => setDraft({ ...draft, [spec.field]: value })} />
        ))}
      </div>
      {formError && (
        <p className="notice notice--error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !isReachable(satellite) || Object.keys(changes).length === 0 || Object.keys(errors).length > 0}>
          {busy ? 'Saving…' : `Save${Object.keys(changes).length > 0 ? ` ${Object.keys(changes).length} change${Object.keys(changes).length > 1 ? 's' : ''}` : ''}`}
        </button>
        <button type="button" onClick={reload} disabled={busy || !dirty}>
          Undo my edits
        </button>
      </div>
    </form>
  );
}
