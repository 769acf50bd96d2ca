import { expect, saveScreenshot, test } from '../fixtures/test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { CalendarPage } from '../pages/calendar-page.js';
import { asSchedule, HOUR_PX, iso } from '../fixtures/schedule-answer.js';

test('dragging one occurrence of a daily schedule moves only that fire on the server, and Undo restores it', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  // The schedule fires daily at 10:00 in the browser's zone (the calendar's display zone), so tomorrow's fire is
  // at 10:00 on tomorrow's day view, whatever the machine's zone.
  const { zone, tomorrow } = await page.evaluate(() => ({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, tomorrow: new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA') }));
  const admin = await fleet.sat1.adminClient();
  const created = asSchedule(await admin.call('schedules.create', { label: `drag-daily-${Date.now()}`, bunch: 'big-log-bunch', cron: '0 0 10 * * ?', timeZone: zone }));

  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.openAt('day', tomorrow);
  const fire = calendar.locatorOfFire(created.id);
  await expect(fire).toBeVisible();
  const from = new Date((await fire.getAttribute('data-start')) ?? '');
  const to = new Date(from.getTime() + 3_600_000);

  // Esc cancels a drag: the ghost goes, nothing is asked or sent.
  await calendar.startDrag(fire, HOUR_PX * 2);
  await expect(calendar.ghost()).toHaveAttribute('data-allowed', 'true');
  await expect(calendar.ghost()).toHaveAttribute('data-target', new Date(from.getTime() + 2 * 3_600_000).toISOString());
  await page.keyboard.press('Escape');
  await expect(calendar.ghost()).toBeHidden();
  await page.mouse.up();
  await expect(calendar.dropDialog()).toBeHidden();
  expect(asSchedule(await admin.call('schedules.get', { id: created.id })).exceptions).toEqual([]);

  // An hour down: the ghost follows, the dialog offers the three choices, "only this" is the default.
  await calendar.dragBy(fire, HOUR_PX);
  await expect(calendar.dropDialog()).toBeVisible();
  await expect(calendar.dropDialog().getByTestId('drop-choice-only').locator('input')).toBeChecked();
  await expect(calendar.dropDialog().getByTestId('drop-choice-all')).toContainText('0 0 11 * * ?');
  await saveScreenshot(page, 'calendar-drag-dialog');
  await calendar.confirmDrop('only');

  await expect(calendar.blockAt(created.id, to)).toBeVisible();
  await expect(calendar.blockAt(created.id, from)).toHaveCount(0);
  await expect
    .poll(async () => asSchedule(await admin.call('schedules.get', { id: created.id })).exceptions.map((e) => [iso(e.occurrence), e.action, iso(e.movedTo)]))
    .toEqual([[from.toISOString(), 'move', to.toISOString()]]);
  await saveScreenshot(page, 'calendar-drag-moved');

  await calendar.undo();
  await expect.poll(async () => asSchedule(await admin.call('schedules.get', { id: created.id })).exceptions).toEqual([]);
  // The move and its undo are in the server's audit trail, by the user the app logged in as.
  const audit = (await admin.call('audit.list', { targetType: 'schedule', targetId: String(created.id) })) as { entries: ReadonlyArray<{ action: string; actor: string }> };
  expect(audit.entries.map((entry) => [entry.action, entry.actor]).slice(0, 2)).toEqual([
    ['schedule.restoreOccurrence', 'admin'],
    ['schedule.moveOccurrence', 'admin'],
  ]);
  await expect(calendar.blockAt(created.id, from)).toBeVisible();
  await expect(calendar.blockAt(created.id, to)).toHaveCount(0);

  // Another administrator changes the schedule while the dialog is open: the move, sent with the version read at
  // the press, is refused; the block stays where it was and the toast offers Reload.
  await calendar.dragBy(calendar.blockAt(created.id, from), HOUR_PX);
  await expect(calendar.dropDialog().getByTestId('drop-choice-only')).toBeVisible();
  const current = asSchedule(await admin.call('schedules.get', { id: created.id }));
  await admin.call('schedules.update', { id: created.id, version: current.version, label: `${await fire.getAttribute('data-label')}-renamed` });
  await calendar.confirmDrop('only');
  const conflict = page.locator('.toast', { hasText: 'changed meanwhile' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('button', { name: 'Reload' })).toBeVisible();
  expect(asSchedule(await admin.call('schedules.get', { id: created.id })).exceptions).toEqual([]);
  await expect(calendar.blockAt(created.id, from)).toBeVisible();
  await saveScreenshot(page, 'calendar-drag-conflict');
});
