import { expect, type Page } from '@playwright/test';
import type { ServerProcess } from '../fixtures/server-process.js';

/** The Satellites screen: add, edit, test and remove satellites. */
export class SatellitesPage {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  async open(): Promise<void> {
    await this.#page.goto(new URL('#/satellites', this.#page.url()).toString());
    await expect(this.#page.locator('[data-screen=satellites]')).toBeVisible();
  }

  /** Fills the add form, tests the connection (expecting success), and adds the satellite. */
  async add(name: string, server: ServerProcess, username: string, password: string): Promise<void> {
    const page = this.#page;
    const addButton = page.getByRole('button', { name: 'Add satellite' }).first();
    if (await page.locator('form[aria-label="Add satellite"]').count() === 0) await addButton.click();
    const form = page.locator('form[aria-label="Add satellite"]');
    await form.locator('input[name=name]').fill(name);
    await form.locator('input[name=url]').fill(server.url);
    await form.locator('input[name=username]').fill(username);
    await form.locator('input[name=password]').fill(password);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByTestId('connection-test')).toContainText('Connected to Taskomatic');
    await form.getByRole('button', { name: 'Add satellite' }).click();
    await expect(this.row(name)).toBeVisible();
  }

  row(name: string) {
    return this.#page.locator(`[data-satellite-row="${name}"]`);
  }

  /** Waits until the satellite shows the given connection state (connected, offline, expired…). */
  async expectConnection(name: string, state: string): Promise<void> {
    await expect(this.row(name).locator('[data-connection]')).toHaveAttribute('data-connection', state, { timeout: 40_000 });
  }
}
