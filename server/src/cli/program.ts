import { Command, InvalidArgumentError } from 'commander';
import { VERSION } from '../version.js';
import { startCommand } from './start-command.js';

/** Parses a positive integer option. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** The `taskomatic-server` command line. */
export function buildProgram(): Command {
  const program = new Command('taskomatic-server')
    .description('Taskomatic: the scheduler for the maintenance work of a Satellite server')
    .version(VERSION)
    .showHelpAfterError();

  program
    .command('start')
    .description('run the server in the foreground (JSON log lines on stdout; SIGTERM or SIGINT stops it)')
    .option('--data <dir>', 'data folder (created when missing; default: ./taskomatic-data)')
    .option('--config <file>', 'configuration file (YAML)')
    .option('--listen <host:port>', 'address of the API (default: 127.0.0.1:2829)')
    .option('--demo', 'point repo-sync and satellite-sync at simulators and add demo schedules')
    .action(startCommand);

  return program;
}
