import { CliError } from './cli-error.js';
import { buildProgram } from './program.js';

/** Runs the command line; every failure ends with one clear line on stderr and a non-zero exit code. */
export async function main(argv: ReadonlyArray<string>): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`taskomatic-server: ${message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : process.exitCode || 1;
  }
}
