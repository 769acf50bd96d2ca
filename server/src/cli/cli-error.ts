/** Exit code for input the user can fix by rewriting it: an invalid cron expression or time zone. */
export const EXIT_INVALID_INPUT = 2;

/**
 * An error meant for the person at the terminal: `main` prints its message as it is (no stack) and exits
 * with `exitCode` (default: 1).
 */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, options?: ErrorOptions & { readonly exitCode?: number }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = options?.exitCode ?? 1;
  }
}
