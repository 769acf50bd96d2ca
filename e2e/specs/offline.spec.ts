import { expect, saveScreenshot, test } from '../fixtures/test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { SchedulesPage } from '../pages/schedules-page.js';

test('one satellite going offline leaves the other working, says so clearly, and recovers', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const schedules = new SchedulesPage(page);
  await schedules.open();
  await expect(schedules.row('sat-2', 'demo-satellite-sync')).toBeVisible();

  await fleet.sat2.stop();
  const sat2Health = page.locator('.app__nav-satellite:has-text("sat-2") [data-health]');
  await expect(sat2Health).toHaveAttribute('data-health', 'offline', { timeout: 40_000 });
  const notice = page.getByTestId('partial-notice');
  await expect(notice).toContainText('1 of 2 satellites answered');
  await expect(notice).toContainText('sat-2 offline');
  // sat-1 keeps working: its rows are there and it still answers.
  await expect(schedules.row('sat-1', 'demo-satellite-sync')).toBeVisible();
  await schedules.filterText('demo-repo-sync-base');
  await expect(schedules.row('sat-1', 'demo-repo-sync-base')).toBeVisible();
  await saveScreenshot(page, 'offline');

  await fleet.sat2.start();
  await expect(sat2Health).toHaveAttribute('data-health', 'connected', { timeout: 40_000 });
  await expect(notice).toHaveCount(0, { timeout: 30_000 });
  await expect(schedules.row('sat-2', 'demo-repo-sync-base')).toBeVisible();
  await saveScreenshot(page, 'offline-recovered');
});
