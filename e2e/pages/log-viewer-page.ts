import { expect, type Locator, type Page } from '@playwright/test';

/** The log viewer of a run's step. */
export class LogViewerPage {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  root(): Locator {
    return this.#page.getByTestId('log-viewer');
  }

  /** The pane of one stream (in "both", stdout and stderr have a pane each). */
  pane(stream: 'stdout' | 'stderr'): Locator {
    return this.#page.locator(`section.log-pane[data-stream=${stream}]`);
  }

  lines(stream: 'stdout' | 'stderr' = 'stdout'): Locator {
    return this.pane(stream).getByTestId('log-line');
  }

  followState(stream: 'stdout' | 'stderr' = 'stdout'): Locator {
    return this.pane(stream).getByTestId('log-follow-state');
  }

  async showStream(value: 'stdout' | 'stderr' | 'both'): Promise<void> {
    await this.#page.getByTestId('log-stream-filter').locator(`[data-value=${value}]`).click();
  }

  async search(text: string): Promise<void> {
    await this.#page.getByTestId('log-search-input').fill(text);
  }

  searchCount(): Locator {
    return this.#page.getByTestId('log-search-count');
  }

  async expectLine(text: string, stream: 'stdout' | 'stderr' = 'stdout'): Promise<void> {
    await expect(this.lines(stream).filter({ hasText: text }).first()).toBeVisible();
  }
}
