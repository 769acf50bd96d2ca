import type { Locator, Page } from '@playwright/test';

/** The schedule editor: what to run, when, and saving it. */
export class ScheduleEditorPage {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  async pickSatellite(name: string): Promise<void> {
    const select = this.#page.getByTestId('satellite-picker');
    const value = await select.locator('option', { hasText: name }).getAttribute('value');
    await select.selectOption(value ?? name);
  }

  async pickBunch(bunch: string): Promise<void> {
    await this.#page.getByTestId('bunch-picker').click();
    await this.#page.locator(`[data-testid=bunch-option][data-bunch="${bunch}"]`).click();
  }

  async setLabel(label: string): Promise<void> {
    await this.#page.getByTestId('label-input').fill(label);
  }

  async setCron(expression: string): Promise<void> {
    await this.#page.locator('[data-preset=custom]').click();
    await this.#page.getByTestId('cron-input').fill(expression);
  }

  sentence(): Locator {
    return this.#page.getByTestId('cron-sentence');
  }

  nextFires(): Locator {
    return this.#page.getByTestId('next-fire');
  }

  async save(): Promise<void> {
    await this.#page.getByTestId('editor-save').click();
  }
}
