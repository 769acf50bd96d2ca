import { Command } from 'commander';
import { VERSION } from '../version.js';
import { addCronCommand } from './cron-command.js';
import { addLogCommand } from './log-command.js';
import { addRunsCommand } from './runs-command.js';
import { addSchedulesCommand } from './schedules-command.js';
import { startCommand } from './start-command.js';

export { positiveInt } from './option-parsers.js';

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

  // The read commands open the database read-only: they work beside a running server and never migrate.
  addSchedulesCommand(program);
  addRunsCommand(program);
  addLogCommand(program);
  addCronCommand(program);

  return program;
}
