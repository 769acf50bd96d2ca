import { fileURLToPath } from 'node:url';

/** Path of a script in server/test/fixtures/integration. */
export function integrationFixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/integration/${name}`, import.meta.url));
}

/** Path of a script in server/test/fixtures/commands. */
export function commandFixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/commands/${name}`, import.meta.url));
}

/**
 * Polls `check` (every `everyMs`) until it returns something other than undefined/false, and returns that.
 * Fails naming `what` after `timeoutMs`. A condition, never a fixed sleep.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  { timeoutMs = 10_000, everyMs = 10 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
