import type { ArgsOf, MisfirePolicy, OverlapPolicy, ScheduleInfo } from '@taskomatic/shared';
import { isValidTimeZone } from '@taskomatic/shared/schedule';
import { type BunchParameter, parameterTexts, parameterValues } from './bunch-parameters';
import { instantOfWallInput, wallInputOf } from './wall-time';

/** The schedule editor's form: what the user typed, times as wall-clock text in the schedule's zone. */
export interface ScheduleDraft {
  readonly bunch: string;
  /** The org of an org-level bunch (satellite admins pick it; org admins' is their own). */
  readonly orgId?: number;
  readonly label: string;
  readonly timeZone: string;
  readonly kind: 'cron' | 'once';
  readonly cron: string;
  readonly runAt: string;
  readonly activeFrom: string;
  readonly activeTill: string;
  readonly params: Readonly<Record<string, string>>;
  readonly overlapPolicy: OverlapPolicy;
  readonly misfirePolicy: MisfirePolicy;
}

export type DraftField = 'bunch' | 'org' | 'label' | 'timeZone' | 'cron' | 'runAt' | 'activeFrom' | 'activeTill';

/** A new schedule's form: daily at 02:00 in the satellite's zone, the server's default policies. */
export function newDraft(timeZone: string, orgId?: number): ScheduleDraft {
  return { bunch: '', ...(orgId !== undefined ? { orgId } : {}), label: '', timeZone, kind: 'cron', cron: '0 0 2 * * ?', runAt: '', activeFrom: '', activeTill: '', params: {}, overlapPolicy: 'SKIP', misfirePolicy: 'RUN_ONCE' };
}

/** The form of an existing schedule. */
export function draftOf(schedule: ScheduleInfo, parameters: ReadonlyArray<BunchParameter>): ScheduleDraft {
  const zone = schedule.timeZone;
  return {
    bunch: schedule.bunch,
    ...(schedule.orgId !== undefined ? { orgId: schedule.orgId } : {}),
    label: schedule.label,
    timeZone: zone,
    kind: schedule.kind,
    cron: schedule.cron ?? '0 0 2 * * ?',
    runAt: wallInputOf(schedule.runAt, zone),
    activeFrom: wallInputOf(schedule.activeFrom, zone),
    activeTill: wallInputOf(schedule.activeTill, zone),
    params: parameterTexts(parameters, schedule.params),
    overlapPolicy: schedule.overlapPolicy,
    misfirePolicy: schedule.misfirePolicy,
  };
}

/** What the user got wrong, by field, before asking the server (which checks again). */
export function draftProblems(draft: ScheduleDraft, context: { readonly needsOrg: boolean; readonly read?: ScheduleInfo; readonly now: number }): Partial<Record<DraftField, string>> {
  const problems: Partial<Record<DraftField, string>> = {};
  if (!draft.bunch) problems.bunch = 'Pick a bunch';
  if (context.needsOrg && draft.orgId === undefined) problems.org = 'Pick the org this schedule belongs to';
  const label = draft.label.trim();
  if (label === '') problems.label = 'A label is required';
  else if (label.length > 200 || /\p{Cc}/u.test(label)) problems.label = 'At most 200 printable characters';
  const zoneOk = draft.timeZone !== '' && isValidTimeZone(draft.timeZone);
  if (!zoneOk) problems.timeZone = 'Not a known time zone (an IANA name such as Europe/Prague or UTC)';
  if (draft.kind === 'cron' && draft.cron.trim() === '') problems.cron = 'A cron expression is required';
  if (draft.kind === 'once' && zoneOk) {
    const runAt = instantOfWallInput(draft.runAt, draft.timeZone);
    if (!runAt) problems.runAt = 'Pick the date and time';
    else if (runAt.getTime() <= context.now) problems.runAt = 'This time has passed; use Run now instead';
  }
  if (zoneOk) {
    const from = instantOfWallInput(draft.activeFrom, draft.timeZone);
    const till = instantOfWallInput(draft.activeTill, draft.timeZone);
    if (from && till && from.getTime() >= till.getTime()) problems.activeTill = 'Must come after active from';
  }
  // schedules.update keeps absent fields as they are: a bound once set can be moved, not removed.
  if (context.read?.activeFrom && draft.activeFrom === '') problems.activeFrom = 'Cannot be removed once set (the API keeps it); pick another date';
  if (context.read?.activeTill && draft.activeTill === '') problems.activeTill = 'Cannot be removed once set (the API keeps it); pick another date';
  return problems;
}

type CreateRequest = ArgsOf<'schedules.create'>[0];
type UpdateRequest = ArgsOf<'schedules.update'>[0];

function timing(draft: ScheduleDraft, parameters: ReadonlyArray<BunchParameter>) {
  const zone = draft.timeZone;
  const activeFrom = instantOfWallInput(draft.activeFrom, zone);
  const activeTill = instantOfWallInput(draft.activeTill, zone);
  const runAt = instantOfWallInput(draft.runAt, zone);
  return {
    ...(draft.kind === 'cron' ? { cron: draft.cron.trim() } : runAt ? { runAt } : {}),
    timeZone: zone,
    ...(activeFrom ? { activeFrom } : {}),
    ...(activeTill ? { activeTill } : {}),
    params: parameterValues(parameters, draft.params),
    overlapPolicy: draft.overlapPolicy,
    misfirePolicy: draft.misfirePolicy,
  };
}

/** The schedules.create request of a new schedule's form. */
export function createRequest(draft: ScheduleDraft, parameters: ReadonlyArray<BunchParameter>): CreateRequest {
  return { label: draft.label.trim(), bunch: draft.bunch, ...(draft.orgId !== undefined ? { orgId: draft.orgId } : {}), ...timing(draft, parameters) };
}

/** The schedules.update request of an edited schedule, at the version it was read (or re-read, for Apply mine). */
export function updateRequest(draft: ScheduleDraft, parameters: ReadonlyArray<BunchParameter>, id: number, version: number): UpdateRequest {
  return { id, version, label: draft.label.trim(), ...timing(draft, parameters) };
}
