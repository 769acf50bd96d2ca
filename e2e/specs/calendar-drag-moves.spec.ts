import type { ScheduleInfo } from '@taskomatic/shared';
import { uniqueLabel } from '../fixtures/schedule-stage.js';
import { expect, saveScreenshot, test } from '../fixtures/stage-test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { CalendarDragPage } from '../pages/calendar-drag-page.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The next instant on a whole `step` (ms) at least `ahead` ms from now. */
const aheadOn = (ahead: number, step: number) => new Date(Math.ceil((Date.now() + ahead) / step) * step);
/** A schedule without the fields every change bumps, to compare before and after. */
const unversioned = ({ version: _version, updatedAt: _updatedAt, ...rest }: ScheduleInfo) => rest;

test('a one-time run moves where it is dropped: the server has the new instant, and its audit trail the change', async ({ app, fleet, stage }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const calendar = new CalendarDragPage(page);
  // A few hours ahead on a 5-minute mark, so that the 5-minute snap lands a whole hour away.
  const runAt = aheadOn(3 * HOUR, 5 * MINUTE);
  const created = await stage.createSchedule({ label: uniqueLabel('drag-once'), bunch: await stage.noopBunch(), runAt, timeZone: 'UTC' });
  // An hour later, or earlier in the afternoon and evening: the block stays on its day.
  const shift = (await calendar.hourOf(runAt)) < 12 ? 1 : -1;
  const target = new Date(runAt.getTime() + shift * HOUR);

  await calendar.open();
  await calendar.openAt('day', await calendar.dateOf(runAt));
  const block = calendar.blockAt(created.id, runAt);
  await expect(block).toBeVisible();
  await calendar.pressAndMove(block, shift * 60);
  await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'true');
  await expect(calendar.ghost()).toHaveAttribute('data-target', target.toISOString());
  await calendar.drop();

  // A single run has nothing to choose: no dialog, the move goes at once, with an Undo.
  await expect(calendar.dropDialog()).toBeHidden();
  await expect(calendar.toast(`Moved ${created.label}`).getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect.poll(async () => (await stage.schedule(created.id)).runAt?.toISOString()).toBe(target.toISOString());
  await expect(calendar.blockAt(created.id, target)).toBeVisible();
  await expect(calendar.blockAt(created.id, runAt)).toHaveCount(0);
  await expect(calendar.pendingMoves()).toHaveCount(0);
  const [latest] = await stage.auditOf(created.id);
  expect(latest).toMatchObject({ actor: 'admin', targetType: 'schedule', targetId: String(created.id) });
  expect(latest?.after).toContain(String(target.getTime()));
  await saveScreenshot(page, 'calendar-drag-once-moved');
});

test('one occurrence moved earlier ("only this") fires at its new time on the server, and not at its old one', async ({ app, fleet, stage }) => {
  // The server must reach both instants: the test lasts until the old one, about two minutes after it starts.
  test.slow();
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const calendar = new CalendarDragPage(page);
  await calendar.open();
  const bunch = await stage.noopBunch();
  // Today's fire of a daily schedule (cron in UTC) comes in about two minutes; the drag brings it a minute earlier.
  const old = aheadOn(100_000, MINUTE);
  const moved = new Date(old.getTime() - MINUTE);
  const created = await stage.createSchedule({ label: uniqueLabel('drag-daily-fire'), bunch, cron: `0 ${old.getUTCMinutes()} ${old.getUTCHours()} * * ?`, timeZone: 'UTC' });
  // A witness one-time run just after the old instant: once it has run, the server's clock is past that instant.
  const witness = await stage.createSchedule({ label: uniqueLabel('drag-witness'), bunch, runAt: new Date(old.getTime() + 5_000), timeZone: 'UTC' });

  await calendar.openAt('day', await calendar.dateOf(old));
  // Around now the demo's frequent runs are drawn as blocks (15 minutes tall at least) and fill the six overlap
  // columns: a fire due in two minutes is behind "+N more" on a busy satellite. The filter shows this schedule alone.
  await calendar.showOnly(created.label);
  const fire = calendar.blockAt(created.id, old);
  await expect(fire).toBeVisible();
  // Alt snaps to the minute: a minute is less than a pixel of the grid, and still lands exactly.
  await calendar.pressAndMove(fire, -1, { fine: true });
  await expect(calendar.ghost()).toHaveAttribute('data-target', moved.toISOString());
  await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'true');
  await calendar.drop();
  await expect(calendar.dropChoice('only').locator('input')).toBeChecked();
  await calendar.confirmDrop('only');
  await expect
    .poll(async () => (await stage.schedule(created.id)).exceptions.map((e) => [e.occurrence.toISOString(), e.action, e.movedTo?.toISOString()]))
    .toEqual([[old.toISOString(), 'move', moved.toISOString()]]);

  // The server fires the occurrence at its new time, marked as moved...
  const runsOf = async (id: number) => (await stage.runsOf(id)).map((run) => ({ due: run.dueTime.toISOString(), trigger: run.trigger, status: run.status }));
  await expect.poll(() => runsOf(created.id), { timeout: 150_000, intervals: [2_000] }).toContainEqual({ due: moved.toISOString(), trigger: 'moved', status: 'FINISHED' });
  // ...and, once its clock is past the old time, has fired nothing there.
  await expect.poll(async () => (await runsOf(witness.id)).map((run) => run.status), { timeout: 150_000, intervals: [2_000] }).toEqual(['FINISHED']);
  expect(await runsOf(created.id)).toEqual([{ due: moved.toISOString(), trigger: 'moved', status: 'FINISHED' }]);

  // The calendar shows the one run, and nothing at the old time.
  await expect(calendar.runsOf(created.id)).toHaveCount(1);
  await expect(calendar.runsOf(created.id)).toHaveAttribute('data-status', 'FINISHED');
  await expect(calendar.blockAt(created.id, old)).toHaveCount(0);
  await calendar.runsOf(created.id).scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'calendar-drag-fired-moved');
});

test('moving all occurrences shows the old and new cron with the sentence, saves the new cron, and Ctrl+Z restores the schedule exactly', async ({ app, fleet, stage }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const calendar = new CalendarDragPage(page);
  const { zone, tomorrow } = await calendar.zoneAndTomorrow();
  // Daily at 10:00 in the display zone, with fields besides the cron that the undo must leave as they were.
  const created = await stage.createSchedule({
    label: uniqueLabel('drag-all'),
    bunch: await stage.noopBunch(),
    cron: '0 0 10 * * ?',
    timeZone: zone,
    activeTill: new Date(Date.now() + 30 * 24 * HOUR),
    overlapPolicy: 'QUEUE_ONE',
    misfirePolicy: 'SKIP',
  });
  const before = await stage.schedule(created.id);
  const newCron = '0 0 11 * * ?';
  const preview = (await stage.client.call('cron.preview', { expression: newCron, timeZone: zone })) as { description?: string };

  await calendar.open();
  await calendar.openAt('day', tomorrow);
  const fire = calendar.locatorOfFire(created.id);
  await expect(fire).toBeVisible();
  const from = new Date((await fire.getAttribute('data-start')) ?? '');
  const to = new Date(from.getTime() + HOUR);
  await calendar.pressAndMove(fire, 60);
  await expect(calendar.ghost()).toHaveAttribute('data-target', to.toISOString());
  await calendar.drop();

  // "All" says what changes before it commits: old → new cron, the new cron in words, its next fires.
  const all = calendar.dropChoice('all');
  await expect(all).toContainText(`${before.cron} → ${newCron}`);
  await expect(all).toContainText(preview.description ?? 'no description from the server');
  await expect(all.getByTestId('drop-next-fires').locator('time')).toHaveCount(3);
  await expect(all.getByTestId('drop-next-fires').locator('time').first()).toHaveAttribute('datetime', to.toISOString());
  await all.locator('input').check();
  await saveScreenshot(page, 'calendar-drag-all-dialog');
  await calendar.confirmDrop('all');

  await expect.poll(async () => (await stage.schedule(created.id)).cron).toBe(newCron);
  const changed = await stage.schedule(created.id);
  expect(unversioned(changed)).toEqual({ ...unversioned(before), cron: newCron, cronDescription: preview.description, nextFireTime: changed.nextFireTime });
  await expect(calendar.blockAt(created.id, to)).toBeVisible();
  await expect(calendar.blockAt(created.id, from)).toHaveCount(0);
  await expect(calendar.toast(`Moved ${created.label}`)).toBeVisible();

  // Ctrl+Z takes the change back: the schedule is as it was, field for field, only its version moved on.
  await calendar.undoByKey();
  await expect(calendar.toast(`Move of ${created.label} undone`)).toBeVisible();
  await expect.poll(async () => (await stage.schedule(created.id)).cron).toBe(before.cron);
  const restored = await stage.schedule(created.id);
  expect(unversioned(restored)).toEqual(unversioned(before));
  expect(restored.version).toBeGreaterThan(changed.version);
  await expect(calendar.blockAt(created.id, from)).toBeVisible();
  await expect(calendar.blockAt(created.id, to)).toHaveCount(0);
  await saveScreenshot(page, 'calendar-drag-all-undone');
});
