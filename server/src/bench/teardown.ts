/**
 * What a benchmark must undo (node processes, scratch databases, data folders), undone in reverse order
 * however the benchmark ends: at the end of its `finally`, or on SIGINT/SIGTERM (Ctrl-C in the terminal
 * reaches the scenario process too), which would otherwise end the process with its `finally` unrun.
 */
export class Teardown {
  readonly #steps: Array<() => Promise<void> | void> = [];
  #running: Promise<void> | null = null;
  readonly #onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`${signal}: cleaning up\n`);
    void this.run().finally(() => process.exit(130));
  };

  constructor() {
    process.once('SIGINT', this.#onSignal);
    process.once('SIGTERM', this.#onSignal);
  }

  /** Adds a step; it runs before the steps added earlier. */
  add(step: () => Promise<void> | void): void {
    this.#steps.push(step);
  }

  /** Runs every step once, last added first; a step that fails is reported and the others still run. */
  run(): Promise<void> {
    this.#running ??= (async () => {
      process.off('SIGINT', this.#onSignal);
      process.off('SIGTERM', this.#onSignal);
      for (const step of this.#steps.reverse()) {
        try {
          await step();
        } catch (error) {
          process.stderr.write(`cleanup step failed: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    })();
    return this.#running;
  }
}
