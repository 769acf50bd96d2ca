import { expect, type Locator, type Page } from '@playwright/test';

/** The schedules list across satellites. */
export class SchedulesPage {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  async open(): Promise<void> {
    await this.#page.locator('.app__nav-item', { hasText: 'Schedules' }).click();
    await expect(this.#page.getByTestId('schedules-table')).toBeVisible();
    await expect(this.#page.locator('[data-loading=false]')).toBeVisible();
  }

  rows(): Locator {
    return this.#page.getByTestId('schedule-row');
  }

  rowsOf(satellite: string): Locator {
    return this.#page.locator(`[data-testid=schedule-row][data-satellite="${satellite}"]`);
  }

  row(satellite: string, label: string): Locator {
    return this.#page.locator(`[data-testid=schedule-row][data-satellite="${satellite}"][data-label="${label}"]`);
  }

  async filterText(text: string): Promise<void> {
    await this.#page.getByTestId('schedule-filter').fill(text);
  }

  async filterSatellite(name: string): Promise<void> {
    const select = this.#page.getByTestId('schedule-filter-satellite');
    const value = await select.locator('option', { hasText: name }).getAttribute('value');
    await select.selectOption(value ?? name);
  }

  async newSchedule(): Promise<void> {
    await this.#page.getByTestId('schedule-new').click();
    await expect(this.#page.getByTestId('schedule-editor')).toBeVisible();
  }
}
