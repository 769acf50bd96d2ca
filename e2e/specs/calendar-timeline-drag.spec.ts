import type { ScheduleInfo } from '@taskomatic/shared';
import { ScheduleStage, uniqueLabel } from '../fixtures/schedule-stage.js';
import { expect, saveScreenshot, test } from '../fixtures/stage-test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { CalendarTimelinePage } from '../pages/calendar-timeline-page.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The next instant on a whole `step` (ms) at least `ahead` ms from now. */
const aheadOn = (ahead: number, step: number) => new Date(Math.ceil((Date.now() + ahead) / step) * step);

test('in the timeline a one-time run moves along its lane; another satellite refuses it; Ctrl+drop copies it there, and Undo removes the copy', async ({ app, fleet, stage }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const calendar = new CalendarTimelinePage(page);
  const onSat2 = await ScheduleStage.on(fleet.sat2);
  try {
    const runAt = aheadOn(3 * HOUR, 5 * MINUTE);
    const bunch = await stage.noopBunch();
    // The copy needs the same bunch on sat-2.
    await onSat2.noopBunch();
    const created = await stage.createSchedule({ label: uniqueLabel('timeline-once'), bunch, runAt, timeZone: 'UTC' });
    // An hour later, or earlier in the afternoon and evening: the block stays on its day.
    const shift = (await calendar.hourOf(runAt)) < 12 ? 1 : -1;
    const target = new Date(runAt.getTime() + shift * HOUR);

    await calendar.open();
    await calendar.openAt('timeline', await calendar.dateOf(runAt));
    const block = calendar.lane('sat-1').locator(`[data-testid=calendar-block][data-schedule-id="${created.id}"]`);
    await expect(block).toHaveAttribute('data-start', runAt.toISOString());

    // Esc cancels a drag along the lane: the ghost goes, nothing is sent.
    await calendar.pressAndSlide(block, shift * 30);
    await calendar.cancelDrag();
    expect((await stage.schedule(created.id)).runAt?.toISOString()).toBe(runAt.toISOString());

    // Along its lane: the ghost follows, a one-time run moves on release with an Undo toast.
    await calendar.pressAndSlide(block, shift * 60);
    await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'true');
    await expect(calendar.ghost()).toHaveAttribute('data-target', target.toISOString());
    await calendar.drop();
    await expect(calendar.dropDialog()).toBeHidden();
    await expect(calendar.toast(`Moved ${created.label}`)).toBeVisible();
    await expect.poll(async () => (await stage.schedule(created.id)).runAt?.toISOString()).toBe(target.toISOString());
    await expect(block).toHaveAttribute('data-start', target.toISOString());

    // Onto sat-2's lane without Ctrl: refused with the reason.
    await calendar.pressAndSlide(block, 0);
    await calendar.moveToLane('sat-2');
    await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'false');
    await expect(calendar.ghostRefusal()).toHaveText('Another satellite: hold Ctrl to copy it there');
    await saveScreenshot(page, 'calendar-timeline-refused');

    // Ctrl held there: a copy, said on the ghost; released, a one-time schedule of the same bunch on sat-2.
    await calendar.holdCtrl();
    await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'true');
    await expect(calendar.ghostCopy()).toHaveText('Copy to sat-2');
    await saveScreenshot(page, 'calendar-timeline-copy-ghost');
    await calendar.drop();
    await calendar.releaseCtrl();
    await expect(calendar.toast(`Copied ${created.label} to sat-2`)).toBeVisible();
    const copies = async () => ((await onSat2.client.call('schedules.list', { bunch })) as unknown as ReadonlyArray<ScheduleInfo>).filter((schedule) => schedule.label.startsWith(`${created.label}-copy-`));
    await expect.poll(async () => (await copies()).map((copy) => [copy.kind, copy.runAt?.toISOString()])).toEqual([['once', target.toISOString()]]);
    const [copy] = await copies();
    expect(copy?.label).toMatch(new RegExp(`^${created.label}-copy-\\d{8}-\\d{4}$`));
    await expect(calendar.lane('sat-2').locator(`[data-testid=calendar-block][data-schedule-id="${copy?.id}"]`)).toHaveAttribute('data-start', target.toISOString());
    // The original stays where it was on sat-1.
    expect((await stage.schedule(created.id)).runAt?.toISOString()).toBe(target.toISOString());
    await saveScreenshot(page, 'calendar-timeline-copied');

    // Undo deletes the copy on sat-2.
    await calendar.undoCopy();
    await expect.poll(async () => (await copies()).length).toBe(0);
    await expect(calendar.toast(`Copy of ${created.label} on sat-2 undone`)).toBeVisible();
  } finally {
    // Whatever the outcome: no copy left on sat-2 (the servers are shared by every spec).
    const left = (await onSat2.client.call('schedules.list', { bunch: 'e2e-noop-bunch' })) as unknown as ReadonlyArray<ScheduleInfo>;
    await Promise.allSettled(left.filter((schedule) => schedule.label.startsWith('timeline-once-')).map((schedule) => onSat2.client.call('schedules.delete', { id: schedule.id })));
    await onSat2.cleanUp();
  }
});
