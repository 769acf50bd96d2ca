import type { TaskInfoStruct } from '@taskomatic/shared';
import type { Page } from '@playwright/test';
import { uniqueLabel, type ScheduleStage } from '../fixtures/schedule-stage.js';
import { expect, saveScreenshot, test } from '../fixtures/stage-test.js';
import type { Fleet } from '../fixtures/test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { CalendarDragPage } from '../pages/calendar-drag-page.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The wait a collision announces for an expected duration (collisions.ts: rounded to minutes; none: a minute). */
const waitWords = (seconds: number | undefined) => {
  const minutes = Math.round((seconds ?? 60) / 60);
  return minutes < 1 ? 'less than a minute' : `about ${minutes} min`;
};

/**
 * Two daily schedules of sat-sync-bunch (satellite-sync runs once at a time on a satellite) for tomorrow in the
 * display zone: one in the way at 10:00, which has run once (its expected duration comes from that run), and one at
 * noon to drag. The demo's every-15-minutes satellite sync fires at 10:00 too.
 */
async function syncSchedules(stage: ScheduleStage, calendar: CalendarDragPage) {
  const tasks = (await stage.client.call('tasks.list')) as unknown as TaskInfoStruct[];
  expect(tasks.find((task) => task.name === 'satellite-sync')?.parallelizable).toBe(false);
  const orgs = (await stage.client.call('orgs.list')) as unknown as Array<{ id: number; name: string }>;
  const orgId = orgs.find((org) => org.name === 'demo-org')?.id;
  const { zone, tomorrow } = await calendar.zoneAndTomorrow();
  const sync = (label: string, cron: string) => stage.createSchedule({ label: uniqueLabel(label), bunch: 'sat-sync-bunch', orgId, cron, timeZone: zone });
  const inTheWay = await sync('sync-at-ten', '0 0 10 * * ?');
  await stage.client.call('schedules.runNow', { id: inTheWay.id });
  await expect.poll(async () => (await stage.runsOf(inTheWay.id)).map((run) => run.status), { timeout: 60_000 }).toEqual(['FINISHED']);
  const dragged = await sync('sync-at-noon', '0 0 12 * * ?');
  return { inTheWay, dragged, tomorrow };
}

/** The median durations the server expects around `at`, by schedule label. */
async function expectedSeconds(stage: ScheduleStage, at: Date): Promise<(label: string) => number | undefined> {
  const range = (await stage.client.call('calendar.range', { from: new Date(at.getTime() - HOUR), to: new Date(at.getTime() + HOUR) })) as unknown as {
    schedules: Array<{ label: string; expectedSeconds?: number }>;
  };
  return (label) => range.schedules.find((schedule) => schedule.label === label)?.expectedSeconds;
}

/** Both satellites connected, the two sync schedules made, and tomorrow's day view open on them. */
async function openSyncDay(page: Page, fleet: Fleet, stage: ScheduleStage) {
  const calendar = new CalendarDragPage(page);
  const { inTheWay, dragged, tomorrow } = await syncSchedules(stage, calendar);
  await connectSatellites(page, bothAsAdmin(fleet));
  await calendar.open();
  await calendar.openAt('day', tomorrow);
  return { calendar, inTheWay, dragged };
}

test('a drop onto fires of the same non-parallelizable task warns before the drop that it will be postponed', async ({ app, fleet, stage }) => {
  const { page } = app;
  const { calendar, inTheWay, dragged } = await openSyncDay(app.page, fleet, stage);
  const ten = new Date((await calendar.locatorOfFire(inTheWay.id).getAttribute('data-start')) ?? '');
  const expected = await expectedSeconds(stage, ten);
  expect(expected(inTheWay.label)).toBeDefined();

  // Two hours up, onto 10:00: inTheWay fires then, and so does the demo's satellite sync (drawn as a band).
  await calendar.pressAndMove(calendar.locatorOfFire(dragged.id), -120);
  await expect(calendar.ghost()).toHaveAttribute('data-target', ten.toISOString());
  await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'true');
  await expect(calendar.ghostCollisions().filter({ hasText: inTheWay.label })).toHaveText(`⚠ This run will be postponed until ${inTheWay.label} ends, ${waitWords(expected(inTheWay.label))}.`);
  await expect(calendar.ghostCollisions().filter({ hasText: 'demo-satellite-sync' })).toHaveText(
    `⚠ This run will be postponed until demo-satellite-sync ends, ${waitWords(expected('demo-satellite-sync'))}.`,
  );
  await expect(calendar.ghostCollisions()).toHaveCount(2);
  // Readable: no hover card of the block beneath over them; drawn where the block will be, right of the band lane.
  await expect(calendar.hoverCard()).toBeHidden();
  const [ghostBox, blockBox] = [await calendar.ghost().boundingBox(), await calendar.locatorOfFire(dragged.id).boundingBox()];
  expect(Math.abs((ghostBox?.x ?? 0) - (blockBox?.x ?? -10))).toBeLessThan(2);
  await saveScreenshot(page, 'calendar-drag-collision');

  // Five minutes later nothing runs satellite-sync: no warning.
  await calendar.moveFurther(5);
  await expect(calendar.ghost()).toHaveAttribute('data-target', new Date(ten.getTime() + 5 * MINUTE).toISOString());
  await expect(calendar.ghostCollisions()).toHaveCount(0);
  // A warning is not a refusal, and Esc leaves everything as it was.
  await calendar.cancelDrag();
  await expect(calendar.dropDialog()).toBeHidden();
  expect((await stage.schedule(dragged.id)).version).toBe(dragged.version);
});

// With the sidebar's filter on, the warnings still count the hidden blocks: the engine postpones the run all the same.
test('the warning counts what the filter hides: the engine postpones the run all the same', async ({ app, fleet, stage }) => {
  const { calendar, inTheWay, dragged } = await openSyncDay(app.page, fleet, stage);
  await calendar.showOnly(dragged.label);
  await calendar.pressAndMove(calendar.locatorOfFire(dragged.id), -120);
  await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'true');
  await expect(calendar.ghostCollisions().filter({ hasText: inTheWay.label })).toHaveCount(1);
  await expect(calendar.ghostCollisions().filter({ hasText: 'demo-satellite-sync' })).toHaveCount(1);
  await calendar.cancelDrag();
});
