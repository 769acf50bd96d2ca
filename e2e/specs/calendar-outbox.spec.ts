import { expect, saveScreenshot, test } from '../fixtures/test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { CalendarPage } from '../pages/calendar-page.js';
import { ChangesPage } from '../pages/changes-page.js';
import { asSchedule, HOUR_PX, iso } from '../fixtures/schedule-answer.js';

test('a move dropped while its satellite is down stays unconfirmed, waits in Changes, and settles when the satellite is back', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const { zone, tomorrow } = await page.evaluate(() => ({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, tomorrow: new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA') }));
  const created = asSchedule(await (await fleet.sat2.adminClient()).call('schedules.create', { label: `outbox-daily-${Date.now()}`, bunch: 'daily-status-bunch', cron: '0 0 10 * * ?', timeZone: zone }));

  const calendar = new CalendarPage(page);
  const changes = new ChangesPage(page);
  await calendar.open();
  await calendar.openAt('day', tomorrow);
  const fire = calendar.locatorOfFire(created.id);
  await expect(fire).toBeVisible();
  const from = new Date((await fire.getAttribute('data-start')) ?? '');
  const to = new Date(from.getTime() + 3_600_000);

  // The schedule is read when the drag begins; the satellite goes down while the dialog is open.
  await calendar.dragBy(fire, HOUR_PX);
  await expect(calendar.dropDialog().getByTestId('drop-choice-only').locator('input')).toBeChecked();
  await fleet.sat2.stop();
  try {
    await calendar.confirmDrop('only');
    // Not dropped, not reverted: drawn "unconfirmed" at its new place, counted beside "Changes".
    await expect(changes.queuedBlock('unconfirmed')).toBeVisible();
    await expect(changes.queuedBlock('unconfirmed')).toContainText(created.label);
    await expect(changes.navBadge()).toHaveAttribute('data-count', '1');
    await saveScreenshot(page, 'calendar-outbox-unconfirmed');

    await changes.open();
    const row = changes.row('sat-2', created.id);
    await expect(row).toHaveAttribute('data-state', 'waiting');
    await expect(changes.sendNow(row)).toBeVisible();
    // The outbox survives a reload of the app.
    await page.reload();
    await expect(row).toHaveAttribute('data-state', 'waiting');
    await saveScreenshot(page, 'calendar-outbox-changes');
  } finally {
    await fleet.sat2.start();
  }

  // Back: the app reads the schedule again (unchanged, times ahead) and sends the move with the version it read.
  await expect(page.locator('.app__nav-satellite:has-text("sat-2") [data-health]')).toHaveAttribute('data-health', 'connected', { timeout: 40_000 });
  await expect(changes.empty()).toBeVisible({ timeout: 30_000 });
  await expect(changes.navBadge()).toHaveCount(0);
  const admin = await fleet.sat2.adminClient();
  await expect
    .poll(async () => asSchedule(await admin.call('schedules.get', { id: created.id })).exceptions.map((e) => [iso(e.occurrence), e.action, iso(e.movedTo)]))
    .toEqual([[from.toISOString(), 'move', to.toISOString()]]);
  // The move is in the merged audit trail.
  await expect(changes.auditEntries('schedule.moveOccurrence').first()).toBeVisible();
  await saveScreenshot(page, 'calendar-outbox-settled');

  await calendar.open();
  await calendar.openAt('day', tomorrow);
  await expect(calendar.blockAt(created.id, to)).toBeVisible();
  await expect(changes.queuedBlock('unconfirmed')).toHaveCount(0);
});
