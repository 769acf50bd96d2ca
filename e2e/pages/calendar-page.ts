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
    return this.#page.locator(`[data-view-active=true] [data-testid=calendar-block][data-satellite="${satellite}"]`);
  }

  /** Occurrences still to come (outlined blocks), which open their schedule. */
  futureOccurrences(): Locator {
    return this.#page.locator('[data-view-active=true] [data-testid=calendar-block][data-kind=occurrence][data-future=true]');
  }

  bandsOf(satellite: string, label: string): Locator {
    return this.#page.locator(`[data-view-active=true] [data-testid=calendar-band][data-satellite="${satellite}"][aria-label*="${label}"]`);
  }

  hoverCard(): Locator {
    return this.#page.getByTestId('calendar-hover-card');
  }

  /** Opens a view at a date straight from the address, as a link would. */
  async openAt(view: string, date: string): Promise<void> {
    await this.#page.evaluate((hash) => (location.hash = hash), `#/calendar?view=${view}&date=${date}`);
    await expect(this.screen()).toHaveAttribute('data-view', view);
    await expect(this.screen()).toHaveAttribute('data-ready', 'true');
  }

  /** The future fires of one schedule. */
  locatorOfFire(scheduleId: number): Locator {
    return this.#page.locator(`[data-view-active=true] [data-testid=calendar-block][data-schedule-id="${scheduleId}"][data-future=true]`).first();
  }

  /** The block of a schedule's fire at an instant (ISO), e.g. after a move. */
  blockAt(scheduleId: number, at: Date): Locator {
    return this.#page.locator(`[data-view-active=true] [data-testid=calendar-block][data-schedule-id="${scheduleId}"][data-start="${at.toISOString()}"]`);
  }

  /** Drags a block with the mouse by `dy` pixels down (negative: up), in steps so that the ghost follows, and drops it. */
  async dragBy(block: Locator, dy: number): Promise<void> {
    await this.startDrag(block, dy);
    await this.#page.mouse.up();
  }

  /** Presses a block and moves it by `dy` pixels without releasing: the ghost shows. */
  async startDrag(block: Locator, dy: number): Promise<void> {
    await block.scrollIntoViewIfNeeded();
    const box = await block.boundingBox();
    if (!box) throw new Error('the block to drag is not drawn');
    const x = box.x + Math.min(20, box.width / 2);
    const y = box.y + 5;
    await this.#page.mouse.move(x, y);
    await this.#page.mouse.down();
    for (let step = 1; step <= 5; step += 1) await this.#page.mouse.move(x, y + (dy * step) / 5);
    await expect(this.ghost()).toBeVisible();
  }

  ghost(): Locator {
    return this.#page.getByTestId('calendar-drag-ghost');
  }

  dropDialog(): Locator {
    return this.#page.getByTestId('calendar-drop-dialog');
  }

  /** Confirms the drop dialog with one of its choices. */
  async confirmDrop(choice: 'only' | 'following' | 'all'): Promise<void> {
    await this.dropDialog().getByTestId(`drop-choice-${choice}`).locator('input').check();
    await this.dropDialog().getByTestId('drop-confirm').click();
    await expect(this.dropDialog()).toBeHidden();
  }

  /** The toast's Undo of the last move. */
  async undo(): Promise<void> {
    await this.#page.locator('.toast', { hasText: 'Moved' }).getByRole('button', { name: 'Undo' }).click();
  }
}
