import { ADMIN } from '../fixtures/server-process.js';
import { expect, saveArtifact, saveScreenshot, test } from '../fixtures/test.js';
import { connectSatellites } from '../pages/app-setup.js';
import { LogViewerPage } from '../pages/log-viewer-page.js';
import { RunDetailPage } from '../pages/run-detail-page.js';

test('a 50 MB log opens and follows while it is written, without freezing the app', async ({ app, fleet }) => {
  const { page } = app;
  await connectSatellites(page, [{ name: 'sat-1', server: fleet.sat1, ...ADMIN }]);
  // Frame gaps while the log grows, measured in the page (reported, not asserted: these machines are noisy).
  await page.evaluate(() => {
    const gaps: number[] = [];
    let last = performance.now();
    const tick = (now: number) => {
      gaps.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    (window as unknown as { frameGaps: number[] }).frameGaps = gaps;
  });
  const run = new RunDetailPage(page);
  const started = Date.now();
  await run.runScheduleNow('sat-1', 'big-log');
  const log = new LogViewerPage(page);
  await log.showStream('stdout');
  await expect(log.lines().first()).toBeVisible();
  const firstLinesMs = Date.now() - started;

  // The task writes 6.5 million lines in bursts; the viewer follows to the very last one.
  await expect(run.status()).toHaveAttribute('data-status', 'FINISHED', { timeout: 90_000 });
  await expect(log.lines().filter({ hasText: /(^|\D)6500000$/ }).first()).toBeVisible({ timeout: 30_000 });
  await expect(log.followState()).not.toHaveAttribute('data-state', 'paused');
  // Only the tail is loaded; the rest is a click away, and the page still answers.
  await expect(page.getByTestId('log-load-earlier').first()).toBeVisible();
  await log.search('4242424');
  await expect(log.searchCount()).toContainText('1 of 1', { timeout: 30_000 });
  const endedMs = Date.now() - started;

  const gaps = await page.evaluate(() => (window as unknown as { frameGaps: number[] }).frameGaps.slice(5));
  const sorted = [...gaps].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  saveArtifact('big-log-metrics.json', `${JSON.stringify({ host: app.kind, firstLinesMs, endedMs, frames: gaps.length, frameGapMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Math.round(sorted.at(-1) ?? 0) }, framesOver100ms: gaps.filter((gap) => gap > 100).length }, null, 2)}\n`);
  await saveScreenshot(page, 'big-log');
});
