import { expect, type Locator, type Page } from '@playwright/test';
import { CalendarPage } from './calendar-page.js';

/** The time grid's pixels per hour (renderer time-grid.tsx `HOUR_PX`): a drag of 44 px moves a block an hour. */
export const HOUR_PX = 44;

/** Sideways travel before the vertical move: past the 4 px drag threshold, so that a move of one minute still drags. */
const PAST_THRESHOLD_PX = 12;

/**
 * Drag to reschedule on the calendar, beyond what CalendarPage offers: drags by minutes (Alt: the 1-minute snap),
 * what the ghost says (refusal, collisions), the drop dialog's texts, toasts, pending and locked blocks.
 */
export class CalendarDragPage extends CalendarPage {
  readonly #page: Page;
  #altHeld = false;
  /** Where the pointer is during a drag (Playwright does not tell). */
  #pointer = { x: 0, y: 0 };

  constructor(page: Page) {
    super(page);
    this.#page = page;
  }

  /**
   * Presses `block` and moves it by `minutes` of the display zone's wall clock (negative: earlier) without
   * releasing. `fine` holds Alt, as a user does for the 1-minute snap (5 minutes otherwise). The pointer first
   * goes sideways within the column (the time stays), so that even a move under the threshold is a drag.
   */
  async pressAndMove(block: Locator, minutes: number, { fine = false }: { readonly fine?: boolean } = {}): Promise<void> {
    await block.scrollIntoViewIfNeeded();
    const box = await block.boundingBox();
    if (!box) throw new Error('the block to drag is not drawn');
    const x = box.x + Math.min(20, box.width / 2);
    const y = box.y + Math.min(5, box.height / 2);
    await this.#page.mouse.move(x, y);
    await this.#page.mouse.down();
    if (fine) {
      await this.#page.keyboard.down('Alt');
      this.#altHeld = true;
    }
    this.#pointer = { x: x + PAST_THRESHOLD_PX, y };
    await this.#page.mouse.move(this.#pointer.x, y);
    await this.moveFurther(minutes);
  }

  /** Moves the pressed block on by `minutes` (negative: earlier), in steps so that the ghost follows. */
  async moveFurther(minutes: number): Promise<void> {
    const { x, y } = this.#pointer;
    const dy = (minutes * HOUR_PX) / 60;
    for (let step = 1; step <= 5; step += 1) await this.#page.mouse.move(x, y + (dy * step) / 5);
    this.#pointer = { x, y: y + dy };
  }

  /** Releases the pointer (and Alt, when held): the drop. */
  async drop(): Promise<void> {
    await this.#page.mouse.up();
    await this.#releaseAlt();
  }

  /** Esc during a drag, then the release: nothing is dropped. */
  async cancelDrag(): Promise<void> {
    await this.#page.keyboard.press('Escape');
    await expect(this.ghost()).toBeHidden();
    await this.#page.mouse.up();
    await this.#releaseAlt();
  }

  /** Where the ghost says the block would go (`data-target`), as an instant. */
  async ghostTarget(): Promise<Date> {
    return new Date((await this.ghost().getAttribute('data-target')) ?? '');
  }

  /** Why the drop under the pointer is refused (under the ghost). */
  ghostRefusal(): Locator {
    return this.ghost().getByTestId('calendar-drag-refusal');
  }

  /** What the drop under the pointer would run into (under the ghost), one per collision. */
  ghostCollisions(): Locator {
    return this.ghost().getByTestId('calendar-drag-collision');
  }

  /** One choice of the drop dialog (only this / this and following / all) with its old → new text. */
  dropChoice(choice: 'only' | 'following' | 'all'): Locator {
    return this.dropDialog().getByTestId(`drop-choice-${choice}`);
  }

  /** The striped blocks of moves not settled; `state`: only those "moving…" (sent, not yet answered), or another. */
  pendingMoves(state?: 'moving' | 'unconfirmed' | 'conflict'): Locator {
    const all = this.#page.getByTestId('calendar-drag-pending');
    return state ? all.and(this.#page.locator(`[data-state="${state}"]`)) : all;
  }

  /** Blocks of runs (past or under way) of a schedule. */
  runsOf(scheduleId: number): Locator {
    return this.#page.locator(`[data-view-active=true] [data-testid=calendar-block][data-kind=run][data-schedule-id="${scheduleId}"]`);
  }

  /** Blocks of a schedule, whatever their kind. */
  blocksOfSchedule(scheduleId: number): Locator {
    return this.#page.locator(`[data-view-active=true] [data-testid=calendar-block][data-schedule-id="${scheduleId}"]`);
  }

  /** Future blocks shown for information only (an org admin's view of satellite-level work): grey, with a lock. */
  lockedOccurrences(): Locator {
    return this.#page.locator('[data-view-active=true] [data-testid=calendar-block][data-kind=occurrence][data-locked=true]');
  }

  /** A toast whose text contains `text`. */
  toast(text: string): Locator {
    return this.#page.locator('.toast', { hasText: text });
  }

  /** The sidebar's filter: only blocks whose schedule label, task or bunch contains `text` are drawn. */
  async showOnly(text: string): Promise<void> {
    await this.#page.getByTestId('calendar-filter-text').fill(text);
    await this.#page.waitForFunction((query) => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === query, text);
  }

  /** Ctrl+Z on the calendar: undoes the last confirmed move. */
  async undoByKey(): Promise<void> {
    await this.#page.keyboard.press('Control+z');
  }

  /** The display zone (the browser's unless changed) and tomorrow's date there (YYYY-MM-DD). */
  async zoneAndTomorrow(): Promise<{ readonly zone: string; readonly tomorrow: string }> {
    return this.#page.evaluate(() => ({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, tomorrow: new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA') }));
  }

  /** The calendar date (YYYY-MM-DD) of an instant in the display zone (the browser's zone unless changed). */
  async dateOf(at: Date): Promise<string> {
    return this.#page.evaluate((ms) => new Date(ms).toLocaleDateString('en-CA'), at.getTime());
  }

  /** The hour (0-23) of an instant on the display zone's wall clock. */
  async hourOf(at: Date): Promise<number> {
    return this.#page.evaluate((ms) => new Date(ms).getHours(), at.getTime());
  }

  async #releaseAlt(): Promise<void> {
    if (!this.#altHeld) return;
    this.#altHeld = false;
    await this.#page.keyboard.up('Alt');
  }
}
