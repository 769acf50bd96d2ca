import { expect, saveScreenshot, test } from '../fixtures/test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { ScheduleEditorPage } from '../pages/schedule-editor-page.js';
import { SchedulesPage } from '../pages/schedules-page.js';

test('the schedules of both satellites show in one list, and filters narrow it', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const schedules = new SchedulesPage(page);
  await schedules.open();
  await expect(schedules.row('sat-1', 'demo-satellite-sync')).toBeVisible();
  await expect(schedules.row('sat-2', 'demo-satellite-sync')).toBeVisible();

  await schedules.filterSatellite('sat-2');
  await expect(schedules.rowsOf('sat-1')).toHaveCount(0);
  await expect(schedules.row('sat-2', 'demo-satellite-sync')).toBeVisible();

  await schedules.filterText('demo-satellite-sync');
  await expect(schedules.rows()).toHaveCount(1);
  await expect(schedules.rows().first()).toContainText('Every 15 minutes');
  await saveScreenshot(page, 'schedules-filtered');
});

test('an administrator creates a schedule with a Quartz cron, sees what it means and its next fires', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const schedules = new SchedulesPage(page);
  await schedules.open();
  await schedules.newSchedule();
  const editor = new ScheduleEditorPage(page);
  await editor.pickSatellite('sat-2');
  await editor.pickBunch('session-cleanup-bunch');
  await editor.setLabel('nightly-session-cleanup');
  await editor.setCron('0 30 2 ? * MON-FRI');
  await expect(editor.sentence()).toContainText('02:30');
  await expect(editor.nextFires()).toHaveCount(5);
  await expect(editor.nextFires().first()).toContainText(':30');
  await editor.nextFires().last().scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'schedule-editor');
  await editor.save();

  await schedules.open();
  await schedules.filterText('nightly-session-cleanup');
  await expect(schedules.row('sat-2', 'nightly-session-cleanup')).toBeVisible();
  await expect(schedules.row('sat-2', 'nightly-session-cleanup')).toContainText('0 30 2 ? * MON-FRI');
  await saveScreenshot(page, 'schedule-created');

  // Ctrl+K finds it again from anywhere.
  await page.locator('.app__nav-item', { hasText: 'Fleet' }).click();
  await page.keyboard.press('Control+K');
  await page.getByTestId('command-palette').getByRole('textbox').fill('nightly session');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('schedule-editor')).toBeVisible();
  await expect(page.getByTestId('label-input')).toHaveValue('nightly-session-cleanup');
});
