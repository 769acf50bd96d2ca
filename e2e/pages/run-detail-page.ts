import { expect, type Locator, type Page } from '@playwright/test';
import { SchedulesPage } from './schedules-page.js';

/** A run's detail: status, steps, and the log viewer of the selected step. */
export class RunDetailPage {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  /** Runs a schedule now from the schedules list and opens the new run from the toast. */
  async runScheduleNow(satellite: string, label: string): Promise<void> {
    const schedules = new SchedulesPage(this.#page);
    await schedules.open();
    await schedules.filterText(label);
    await schedules.row(satellite, label).getByTestId('schedule-run-now').click();
    await this.#page.locator('.toast').getByRole('button', { name: 'Open run' }).click();
    await expect(this.#page.locator('[data-testid=run-detail][data-state=ready]')).toBeVisible();
  }

  status(): Locator {
    return this.#page.getByTestId('run-status');
  }

  step(task: string): Locator {
    return this.#page.locator(`[data-testid=run-step][data-task="${task}"]`);
  }
}
