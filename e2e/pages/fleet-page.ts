import { expect, type Locator, type Page } from '@playwright/test';

/** The fleet overview (home): a card per satellite, what needs attention, what comes next. */
export class FleetPage {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  async open(): Promise<void> {
    await this.#page.locator('.app__nav-item', { hasText: 'Fleet' }).click();
    await expect(this.#page.locator('[data-screen=fleet]')).toBeVisible();
  }

  card(satellite: string): Locator {
    return this.#page.locator(`[data-testid=fleet-card][data-satellite="${satellite}"]`);
  }

  nextFires(satellite: string): Locator {
    return this.card(satellite).getByTestId('fleet-next-fires');
  }

  /** The satellite's lane on the next-24-hours strip (data-fires: the fires the server announced). */
  stripLane(satellite: string): Locator {
    return this.#page.locator(`[data-testid=upcoming-strip-lane][data-satellite="${satellite}"]`);
  }

  stripMarks(satellite: string): Locator {
    return this.stripLane(satellite).getByTestId('upcoming-strip-mark');
  }
}
