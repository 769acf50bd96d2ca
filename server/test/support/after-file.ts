/**
 * Work to do once the current test file has run (the setup file runs it): support modules register here what
 * they leave behind for a whole file, such as scratch databases. No imports: every test file loads it.
 */
const pending: Array<() => Promise<void>> = [];

/** Runs `cleanup` after the current test file. */
export function afterFile(cleanup: () => Promise<void>): void {
  pending.push(cleanup);
}

/** Runs and forgets what was registered (the setup file's afterAll). */
export async function runAfterFile(): Promise<void> {
  for (const cleanup of pending.splice(0).reverse()) await cleanup();
}
