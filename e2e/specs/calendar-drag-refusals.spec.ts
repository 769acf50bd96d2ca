import { ApiClient } from '../fixtures/api-client.js';
import { uniqueLabel } from '../fixtures/schedule-stage.js';
import { ORG_ADMIN } from '../fixtures/server-process.js';
import { expect, saveScreenshot, test } from '../fixtures/stage-test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { CalendarDragPage } from '../pages/calendar-drag-page.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

test('a move another administrator overtook is refused: the block goes back and the toast says who changed the schedule', async ({ app, fleet, stage }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const calendar = new CalendarDragPage(page);
  const { zone, tomorrow } = await calendar.zoneAndTomorrow();
  const created = await stage.createSchedule({ label: uniqueLabel('drag-overtaken'), bunch: await stage.noopBunch(), cron: '0 0 10 * * ?', timeZone: zone });
  const otherName = uniqueLabel('other-admin');
  const other = await stage.otherAdmin(otherName);

  await calendar.open();
  await calendar.openAt('day', tomorrow);
  const fire = calendar.locatorOfFire(created.id);
  const from = new Date((await fire.getAttribute('data-start')) ?? '');
  const to = new Date(from.getTime() + HOUR);
  await calendar.pressAndMove(fire, 60);
  await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'true');
  await calendar.drop();
  // The dialog has read the schedule (its version goes with the change): then the other admin changes it.
  await expect(calendar.dropChoice('all')).toContainText('0 0 11 * * ?');
  await other.call('schedules.update', { id: created.id, version: created.version, overlapPolicy: 'QUEUE_ONE' });
  await calendar.confirmDrop('all');

  const refusal = calendar.toast('changed meanwhile');
  await expect(refusal).toContainText(created.label);
  await expect(refusal).toContainText(`by ${otherName}`);
  await expect(calendar.pendingMoves('moving')).toHaveCount(0);
  await expect(calendar.blockAt(created.id, from)).toBeVisible();
  await expect(calendar.blockAt(created.id, to)).toHaveCount(0);
  const now = await stage.schedule(created.id);
  expect([now.cron, now.overlapPolicy, now.version]).toEqual(['0 0 10 * * ?', 'QUEUE_ONE', created.version + 1]);
  await saveScreenshot(page, 'calendar-drag-refused-conflict');
});

test('a drop in the past is refused while dragging: "Run now instead?"', async ({ app, fleet, stage }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const calendar = new CalendarDragPage(page);
  // A one-time run in half an hour (clear of the runs the other tests left around now): an hour up is in the past,
  // unless midnight lies between (then it is yesterday, not in the run's day column).
  const runAt = new Date(Math.ceil((Date.now() + 30 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE);
  test.skip((await calendar.dateOf(runAt)) !== (await calendar.dateOf(new Date())), 'the run would be after midnight: the past is not in its day column');
  const created = await stage.createSchedule({ label: uniqueLabel('drag-past'), bunch: await stage.noopBunch(), runAt, timeZone: 'UTC' });

  await calendar.open();
  await calendar.openAt('day', await calendar.dateOf(runAt));
  const block = calendar.blockAt(created.id, runAt);
  await expect(block).toBeVisible();
  await calendar.pressAndMove(block, -60);
  await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'false');
  await expect(calendar.ghostRefusal()).toHaveText('That time has passed. Run now instead?');
  await saveScreenshot(page, 'calendar-drag-refused-past');

  // Released there: nothing is asked, nothing sent.
  await calendar.drop();
  await expect(calendar.ghost()).toBeHidden();
  await expect(calendar.dropDialog()).toBeHidden();
  await expect(calendar.pendingMoves()).toHaveCount(0);
  await expect(block).toBeVisible();
  const after = await stage.schedule(created.id);
  expect([after.runAt?.toISOString(), after.version]).toEqual([runAt.toISOString(), created.version]);

  // The toast offers what was probably meant: running it now. The schedule keeps its time.
  await calendar.toast('that time has passed').getByRole('button', { name: 'Run now instead' }).click();
  await expect(calendar.toast('runs now')).toBeVisible();
  await expect
    .poll(async () => ((await stage.client.call('runs.list', { scheduleId: created.id })) as unknown as { runs: ReadonlyArray<{ trigger: string }> }).runs.map((run) => run.trigger))
    .toContain('manual');
  expect((await stage.schedule(created.id)).runAt?.toISOString()).toBe(runAt.toISOString());
});

test('an org admin cannot drag satellite-level work (locked grey, refused with the reason) and can drag their own org\'s', async ({ app, fleet, stage }) => {
  const { page } = app;
  const calendar = new CalendarDragPage(page);
  // The satellite lets org admins see satellite-level schedules and this org admin turned it on; both put back after.
  const settings = (await stage.client.call('settings.get')) as unknown as { orgAdminsMaySeeSatelliteSchedules: boolean };
  await stage.client.call('settings.update', { orgAdminsMaySeeSatelliteSchedules: true });
  stage.afterwards(() => stage.client.call('settings.update', { orgAdminsMaySeeSatelliteSchedules: settings.orgAdminsMaySeeSatelliteSchedules }));
  const orgAdmin = new ApiClient(`${fleet.sat1.url}/rpc/api`);
  await orgAdmin.login(ORG_ADMIN.username, ORG_ADMIN.password);
  await orgAdmin.call('users.setPreferences', { showSatelliteSchedules: true });
  stage.afterwards(() => orgAdmin.call('users.setPreferences', { showSatelliteSchedules: false }));
  const { zone, tomorrow } = await calendar.zoneAndTomorrow();
  const own = await stage.createSchedule({ label: uniqueLabel('org-sync'), bunch: 'repo-sync-bunch', cron: '0 0 10 * * ?', timeZone: zone, params: { channel: 'e2e-org' } }, orgAdmin);

  await connectSatellites(page, [{ name: 'sat-1', server: fleet.sat1, ...ORG_ADMIN }]);
  await calendar.open();
  await calendar.openAt('day', tomorrow);
  // Satellite-level work (the built-ins: maintenance, daily status) is shown grey, with a lock.
  const locked = calendar.lockedOccurrences().first();
  await expect(locked).toBeVisible();
  await expect(locked).toContainText('🔒');
  await expect(locked).toHaveCSS('background-color', 'rgb(229, 231, 235)');
  const lockedId = Number(await locked.getAttribute('data-schedule-id'));
  const lockedAt = new Date((await locked.getAttribute('data-start')) ?? '');

  // Dragging it: the ghost refuses with the reason wherever it goes, and the release changes nothing.
  await calendar.pressAndMove(locked, -60);
  await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'false');
  await expect(calendar.ghostRefusal()).toHaveText('You may not change satellite-level work.');
  await calendar.drop();
  await expect(calendar.dropDialog()).toBeHidden();
  await expect(calendar.blockAt(lockedId, lockedAt)).toBeVisible();
  expect((await stage.schedule(lockedId)).exceptions).toEqual([]);

  // Their own org's schedule moves: "only this" by an hour, in the server's name of the org admin.
  const fire = calendar.locatorOfFire(own.id);
  const from = new Date((await fire.getAttribute('data-start')) ?? '');
  const to = new Date(from.getTime() + HOUR);
  await calendar.pressAndMove(fire, 60);
  await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'true');
  await calendar.drop();
  await calendar.confirmDrop('only');
  await expect(calendar.blockAt(own.id, to)).toBeVisible();
  await expect
    .poll(async () => (await stage.schedule(own.id)).exceptions.map((e) => [e.occurrence.toISOString(), e.action, e.movedTo?.toISOString()]))
    .toEqual([[from.toISOString(), 'move', to.toISOString()]]);
  expect((await stage.auditOf(own.id))[0]?.actor).toBe(ORG_ADMIN.username);
  await saveScreenshot(page, 'calendar-drag-org-admin');
});
