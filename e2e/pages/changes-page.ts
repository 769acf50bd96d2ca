import { expect, type Locator, type Page } from '@playwright/test';

/** The Changes screen (the outbox of moves a satellite has not confirmed, and the audit trail), and the outbox's marks elsewhere. */
export class ChangesPage {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  screen(): Locator {
    return this.#page.getByTestId('changes-screen');
  }

  async open(): Promise<void> {
    await this.#page.locator('.app__nav-item', { hasText: 'Changes' }).click();
    await expect(this.screen()).toBeVisible();
  }

  /** The count beside "Changes" in the navigation (absent when nothing waits). */
  navBadge(): Locator {
    return this.#page.getByTestId('changes-badge');
  }

  /** The outbox's rows of one satellite's schedule. */
  row(satellite: string, scheduleId: number): Locator {
    return this.#page.locator(`[data-testid=outbox-row][data-satellite="${satellite}"][data-schedule-id="${scheduleId}"]`);
  }

  /** Shown when nothing waits. */
  empty(): Locator {
    return this.#page.getByTestId('outbox-empty');
  }

  sendNow(row: Locator): Locator {
    return row.getByTestId('outbox-send-now');
  }

  discard(row: Locator): Locator {
    return row.getByTestId('outbox-discard');
  }

  /** The merged audit trail, its rows and its "not permitted" notice. */
  auditTable(): Locator {
    return this.#page.getByTestId('changes-audit-table');
  }

  auditEntries(action: string): Locator {
    return this.#page.locator(`[data-testid=changes-audit-table] [data-testid=audit-entry][data-action="${action}"]`);
  }

  auditDenied(): Locator {
    return this.#page.getByTestId('changes-audit-denied');
  }

  /** On the calendar: a move waiting in the outbox, drawn at its new place (`unconfirmed`, `needs-decision`, `conflict`). */
  queuedBlock(state: 'moving' | 'unconfirmed' | 'needs-decision' | 'conflict'): Locator {
    return this.#page.locator(`[data-testid=calendar-drag-pending][data-state="${state}"]`);
  }
}
