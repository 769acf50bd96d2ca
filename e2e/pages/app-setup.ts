import { expect, type Page } from '@playwright/test';
import { ADMIN, type ServerProcess } from '../fixtures/server-process.js';

/** A satellite to connect the app to, as a spec needs it. */
export interface SatelliteLogin {
  readonly name: string;
  readonly server: ServerProcess;
  readonly username: string;
  readonly password: string;
}

const GLYPHS = ['●', '▲', '■', '◆'];
const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#db2777'];

/**
 * Connects the app to satellites through the app's own channel (window.api in Electron, the browser host's
 * bridge otherwise), for specs about something else than adding satellites (satellites.spec adds them through
 * the form), then waits until the app shows them connected.
 */
export async function connectSatellites(page: Page, satellites: ReadonlyArray<SatelliteLogin>): Promise<void> {
  for (const [index, satellite] of satellites.entries()) {
    const draft = { name: satellite.name, url: satellite.server.url, username: satellite.username, password: satellite.password, colour: COLOURS[index % 4], glyph: GLYPHS[index % 4] };
    const outcome = await page.evaluate(async (value) => {
      const api = (window as { api?: { satellites: { add(draft: unknown): Promise<unknown> } } }).api;
      if (api) return api.satellites.add(value).then(() => ({ ok: true }), (error: Error) => ({ ok: false, error: { message: error.message } }));
      const response = await fetch('/ipc/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ channel: 'satellites:add', args: [value] }) });
      return (await response.json()) as { ok: boolean; error?: { message: string } };
    }, draft);
    if (!outcome.ok) throw new Error(`adding ${satellite.name}: ${JSON.stringify(outcome)}`);
  }
  await page.reload();
  await expect(page.locator('.app[data-ready=true]')).toBeVisible();
  for (const satellite of satellites) {
    await expect(page.locator(`.app__nav-satellite:has-text("${satellite.name}") [data-health]`)).toHaveAttribute('data-health', 'connected', { timeout: 30_000 });
  }
}

/** Both test satellites, logged in as their first satellite admin. */
export function bothAsAdmin(fleet: { readonly sat1: ServerProcess; readonly sat2: ServerProcess }): SatelliteLogin[] {
  return [
    { name: 'sat-1', server: fleet.sat1, ...ADMIN },
    { name: 'sat-2', server: fleet.sat2, ...ADMIN },
  ];
}

/** Goes to a route of the app (`#/schedules`). */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.goto(new URL(hash, page.url()).toString());
}
