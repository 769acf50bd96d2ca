import { expect, saveScreenshot, test } from '../fixtures/test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { CalendarPage } from '../pages/calendar-page.js';

test('the calendar shows both satellites in one week, switches views by key, and opens a schedule from a block', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const calendar = new CalendarPage(page);
  await calendar.open();
  await expect(calendar.screen()).toHaveAttribute('data-view', 'week');
  // Each satellite's demo work: the first sync that fired seconds after start, the built-ins still to come.
  await expect(calendar.blocksOf('sat-1').first()).toBeVisible();
  await expect(calendar.blocksOf('sat-2').first()).toBeAttached();
  // The every-15-minutes sync is a band strip that says so, not hundreds of blocks.
  const band = calendar.bandsOf('sat-2', 'demo-satellite-sync').first();
  await band.scrollIntoViewIfNeeded();
  await band.hover();
  await expect(calendar.hoverCard()).toContainText('demo-satellite-sync');
  await expect(calendar.hoverCard()).toContainText('every 15 min');
  await expect(calendar.hoverCard()).toContainText('demo-org');
  await saveScreenshot(page, 'calendar-week');

  await calendar.switchView('d', 'day');
  await calendar.switchView('m', 'month');
  await calendar.switchView('a', 'agenda');
  await calendar.switchView('l', 'timeline');
  await calendar.switchView('w', 'week');

  // Late on a Sunday the week holds nothing more to come: the next one does.
  if ((await calendar.futureOccurrences().count()) === 0) await calendar.nextRange();
  const occurrence = calendar.futureOccurrences().first();
  await occurrence.scrollIntoViewIfNeeded();
  await occurrence.hover();
  const card = calendar.hoverCard();
  await expect(card).toBeVisible();
  const label = await occurrence.getAttribute('data-label');
  const satellite = await occurrence.getAttribute('data-satellite');
  await expect(card).toContainText(label ?? '');
  await expect(card).toContainText(satellite ?? '');
  await expect(card).toContainText('Starts');
  await saveScreenshot(page, 'calendar-hover-card');

  await occurrence.click();
  await expect(page.getByTestId('schedule-editor')).toBeVisible();
  await expect(page.getByTestId('label-input')).toHaveValue(label ?? '');
});
