import { expect, type Locator, type Page } from '@playwright/test';
import { CalendarDragPage } from './calendar-drag-page.js';

/** Sideways travel first, past the 4 px drag threshold (the ghost shows even for a small move). */
const PAST_THRESHOLD_PX = 12;

/**
 * Drag to reschedule in the timeline (`#/calendar?view=timeline`): one lane per satellite, time running left to
 * right over the day. Blocks move along their lane; over another satellite's lane the drop is refused, and with
 * Ctrl held it is a copy there ("Copy to …" on the ghost).
 */
export class CalendarTimelinePage extends CalendarDragPage {
  readonly #page: Page;
  #pointer = { x: 0, y: 0 };

  constructor(page: Page) {
    super(page);
    this.#page = page;
  }

  /** A satellite's lane (its name, its blocks). */
  lane(satellite: string): Locator {
    return this.#page.locator(`[data-view-active=true] [data-testid=calendar-lane][data-satellite="${satellite}"]`);
  }

  /** The part of a lane where time runs (blocks are drawn and dropped there). */
  track(satellite: string): Locator {
    return this.lane(satellite).getByTestId('calendar-lane-track');
  }

  /** Pixels of the track per minute of the day (24 hours across). */
  async pxPerMinute(satellite: string): Promise<number> {
    const box = await this.track(satellite).boundingBox();
    if (!box) throw new Error(`the lane of ${satellite} is not drawn`);
    return box.width / (24 * 60);
  }

  /** Presses `block` and moves it along its lane by `minutes` (negative: earlier) without releasing. */
  async pressAndSlide(block: Locator, minutes: number): Promise<void> {
    await block.scrollIntoViewIfNeeded();
    const box = await block.boundingBox();
    if (!box) throw new Error('the block to drag is not drawn');
    const satellite = (await block.getAttribute('data-satellite')) ?? '';
    const x = box.x + Math.min(4, box.width / 2);
    const y = box.y + box.height / 2;
    await this.#page.mouse.move(x, y);
    await this.#page.mouse.down();
    // Down and back up: past the threshold without changing the time.
    await this.#page.mouse.move(x, y + PAST_THRESHOLD_PX);
    await this.#page.mouse.move(x, y);
    const dx = minutes * (await this.pxPerMinute(satellite));
    for (let step = 1; step <= 5; step += 1) await this.#page.mouse.move(x + (dx * step) / 5, y);
    this.#pointer = { x: x + dx, y };
    await expect(this.ghost()).toBeVisible();
  }

  /** Moves the pressed block, at the same time of day, over another satellite's lane. */
  async moveToLane(satellite: string): Promise<void> {
    const box = await this.track(satellite).boundingBox();
    if (!box) throw new Error(`the lane of ${satellite} is not drawn`);
    const y = box.y + Math.min(10, box.height / 2);
    for (let step = 1; step <= 5; step += 1) await this.#page.mouse.move(this.#pointer.x, this.#pointer.y + ((y - this.#pointer.y) * step) / 5);
    this.#pointer = { ...this.#pointer, y };
  }

  /** Holds Ctrl during the drag (a copy over another lane), and lets it go. */
  async holdCtrl(): Promise<void> {
    await this.#page.keyboard.down('Control');
  }

  async releaseCtrl(): Promise<void> {
    await this.#page.keyboard.up('Control');
  }

  /** What the ghost says with Ctrl over another satellite's lane ("Copy to sat-2"). */
  ghostCopy(): Locator {
    return this.ghost().getByTestId('calendar-drag-copy');
  }

  /** The toast's Undo of the last copy. */
  async undoCopy(): Promise<void> {
    await this.toast('Copied').getByRole('button', { name: 'Undo' }).click();
  }
}
