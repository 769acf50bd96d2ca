import { expect, saveScreenshot, test } from '../fixtures/test.js';
import { bothAsAdmin, connectSatellites } from '../pages/app-setup.js';
import { LogViewerPage } from '../pages/log-viewer-page.js';
import { RunDetailPage } from '../pages/run-detail-page.js';

test('an administrator runs a bunch now, follows its log until it finishes, then searches it', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const run = new RunDetailPage(page);
  await run.runScheduleNow('sat-1', 'demo-repo-sync-base');
  const log = new LogViewerPage(page);
  await expect(log.root()).toBeVisible();
  // The simulator takes a few seconds: the viewer follows its output as it comes, to the last line.
  await log.expectLine('Sync of channel started.');
  await expect(run.status()).toHaveAttribute('data-status', 'FINISHED', { timeout: 60_000 });
  await log.expectLine('Repo sync finished.');
  await log.expectLine('Total time:');

  await log.search('Packages to sync');
  await expect(log.searchCount()).toContainText('1 of 1');
  await saveScreenshot(page, 'run-log-searched');
});

test('a failed run shows its status and its stderr', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, bothAsAdmin(fleet));
  const run = new RunDetailPage(page);
  await run.runScheduleNow('sat-2', 'demo-repo-sync-broken');
  await expect(run.status()).toHaveAttribute('data-status', 'FAILED', { timeout: 60_000 });
  await expect(run.step('repo-sync')).toHaveAttribute('data-status', 'FAILED');
  const log = new LogViewerPage(page);
  await log.showStream('stderr');
  await log.expectLine('Repo sync failed', 'stderr');
  await expect(log.lines('stderr').filter({ hasText: 'ERROR: Failed to download' })).toHaveCount(1);
  await saveScreenshot(page, 'failed-run-stderr');
});
