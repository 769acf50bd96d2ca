import { expect, type Locator, type Page } from '@playwright/test';

/** The calendar: every satellite's runs and future occurrences in one view. */
export class CalendarPage {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  screen(): Locator {
    return this.#page.getByTestId('calendar-screen');
  }

  async open(): Promise<void> {
    await this.#page.locator('.app__nav-item', { hasText: 'Calendar' }).click();
    await expect(this.screen()).toHaveAttribute('data-ready', 'true');
  }

  /** Presses a view key (d w m a l) and waits for that view. */
  async switchView(key: 'd' | 'w' | 'm' | 'a' | 'l', view: string): Promise<void> {
    await this.#page.keyboard.press(key);
    await expect(this.screen()).toHaveAttribute('data-view', view);
  }

  async nextRange(): Promise<void> {
    const hash = await this.#page.evaluate(() => location.hash);
    await this.#page.keyboard.press('ArrowRight');
    await this.#page.waitForFunction((before) => location.hash !== before, hash);
    await expect(this.screen()).toHaveAttribute('data-ready', 'true');
  }

  blocksOf(satellite: string): Locator {
    return this.#page.locator(`[data-testid=calendar-block][data-satellite="${satellite}"]`);
  }

  /** Occurrences still to come (outlined blocks), which open their schedule. */
  futureOccurrences(): Locator {
    return this.#page.locator('[data-testid=calendar-block][data-kind=occurrence][data-future=true]');
  }

  bandsOf(satellite: string, label: string): Locator {
    return this.#page.locator(`[data-testid=calendar-band][data-satellite="${satellite}"][aria-label*="${label}"]`);
  }

  hoverCard(): Locator {
    return this.#page.getByTestId('calendar-hover-card');
  }
}
