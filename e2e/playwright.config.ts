import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: two real servers (temp data folders, free ports, demo mode) and the app, driven as an
 * administrator would. The app is the real Electron app when its binary is installed, otherwise the browser
 * host in Debian's Chromium (fixtures/app-host.ts). One worker: the machines have two cores, and the servers
 * are shared by the specs of a worker.
 */
export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', actionTimeout: 20_000, navigationTimeout: 30_000 },
});
