import { ORG_ADMIN } from '../fixtures/server-process.js';
import { expect, saveScreenshot, test } from '../fixtures/test.js';
import { connectSatellites } from '../pages/app-setup.js';
import { SchedulesPage } from '../pages/schedules-page.js';

test('an org admin sees their own org and nothing of another org', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, [{ name: 'sat-1', server: fleet.sat1, ...ORG_ADMIN }]);
  // No administration for an org admin.
  await expect(page.locator('.app__nav-item', { hasText: 'Administration' })).toHaveCount(0);

  const schedules = new SchedulesPage(page);
  await schedules.open();
  await expect(schedules.row('sat-1', 'demo-satellite-sync')).toBeVisible();
  await expect(schedules.row('sat-1', 'other-org-sync')).toHaveCount(0);
  // Whatever satellite-level work is shown is locked: no selection, no run now.
  const rows = schedules.rows();
  for (let index = 0; index < (await rows.count()); index += 1) {
    const row = rows.nth(index);
    if ((await row.getAttribute('data-locked')) === 'true') {
      await expect(row.getByTestId('schedule-run-now')).toHaveCount(0);
    } else {
      await expect(row).toContainText('demo-org');
    }
  }
  await saveScreenshot(page, 'org-admin-schedules');
});
