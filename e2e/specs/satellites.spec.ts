import { ADMIN } from '../fixtures/server-process.js';
import { expect, saveScreenshot, test } from '../fixtures/test.js';
import { FleetPage } from '../pages/fleet-page.js';
import { SatellitesPage } from '../pages/satellites-page.js';

test('an administrator adds both satellites and sees them connected', async ({ app, fleet }) => {
  const satellites = new SatellitesPage(app.page);
  await satellites.open();
  await satellites.add('sat-1', fleet.sat1, ADMIN.username, ADMIN.password);
  await satellites.add('sat-2', fleet.sat2, ADMIN.username, ADMIN.password);
  await satellites.expectConnection('sat-1', 'connected');
  await satellites.expectConnection('sat-2', 'connected');
  await expect(satellites.row('sat-1')).toContainText('satellite admin');
  await expect(satellites.row('sat-2')).toContainText(fleet.sat2.url);
  await saveScreenshot(app.page, 'satellites');

  // Home: a card per satellite, each with its health and what it will fire next.
  const fleetPage = new FleetPage(app.page);
  await fleetPage.open();
  await expect(fleetPage.card('sat-1')).toHaveAttribute('data-health', 'connected');
  await expect(fleetPage.card('sat-2')).toHaveAttribute('data-health', 'connected');
  await expect(fleetPage.nextFires('sat-1')).toContainText('demo-');
  // The next 24 hours as a strip: every fire of both satellites, frequent schedules as dotted bands that say so.
  for (const name of ['sat-1', 'sat-2']) {
    await expect(fleetPage.stripLane(name)).toHaveAttribute('data-fires', /^[1-9]\d*$/);
    await expect(fleetPage.stripMarks(name).first()).toBeVisible();
  }
  await expect(app.page.getByTestId('upcoming-strip-frequent')).toContainText('demo-repo-sync-base');
  await saveScreenshot(app.page, 'fleet');
  // A mark opens the calendar on that day.
  await fleetPage.stripMarks('sat-1').first().click();
  await expect(app.page.getByTestId('calendar-screen')).toHaveAttribute('data-view', 'day');
});
