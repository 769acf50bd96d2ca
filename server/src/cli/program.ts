import { Command, Option } from 'commander';
import { VERSION } from '../version.js';
import { JSONL_HELP } from './cron-help.js';
import { MAX_FIRE_COUNT } from './cron-next.js';
import { byteCount, instantOption, positiveInt, runStatuses } from './option-parsers.js';

export { positiveInt } from './option-parsers.js';

const DATA_HELP = "data folder of the server (default: the configuration's dataDir, else ./taskomatic-data)";
const CONFIG_HELP = 'configuration file whose dataDir and database to read when --data or --database is not given';
const DATABASE_HELP = "PostgreSQL URL of the server's database, postgres://USER@HOST:PORT/DATABASE (default: the configuration's database, else SQLite in the data folder)";
const READ_ONLY = 'read-only; works beside a running server';

/**
 * Runs a command's code, loaded only when that command runs: the server's modules take a good half second
 * to load, which `cron next` and `--help` need not wait for.
 */
function lazy<Args extends unknown[]>(load: () => Promise<(...args: Args) => Promise<void>>) {
  return async (...args: Args): Promise<void> => (await load())(...args);
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
    .option('--database <url>', 'keep the data in this PostgreSQL database, postgres://USER@HOST:PORT/DATABASE (default: SQLite in the data folder)')
    .option('--listen <host:port>', 'address of the API (default: 127.0.0.1:2829)')
    .option('--demo', 'point repo-sync and satellite-sync at simulators and add demo schedules')
    .option('--insecure-http', 'allow plain HTTP on a non-loopback address (without TLS, passwords cross the network in clear)')
    .option('--admin-password-file <file>', "a new data folder's first satellite admin gets this password (default: generated into DATA/initial-admin-password)")
    .option('--node-timeout <duration>', 'several nodes on one PostgreSQL database: a node silent this long is gone and another takes over its work (default: 20s)')
    .action(lazy(async () => (await import('./start-command.js')).startCommand));

  // The read commands open the database read-only: they work beside a running server and never migrate it.
  program
    .command('schedules')
    .description(`list the active schedules with their next fire times, by label (${READ_ONLY})`)
    .option('--data <dir>', DATA_HELP)
    .option('--config <file>', CONFIG_HELP)
    .option('--database <url>', DATABASE_HELP)
    .option('--all', 'include ended schedules (unscheduled, past their window, one-time runs that fired)')
    .option('--json', 'print a JSON array (instants as ISO 8601 UTC, or null)')
    .action(lazy(async () => (await import('./schedules-command.js')).schedulesCommand));

  program
    .command('runs')
    .description(`list task runs, newest first (${READ_ONLY})`)
    .option('--data <dir>', DATA_HELP)
    .option('--config <file>', CONFIG_HELP)
    .option('--database <url>', DATABASE_HELP)
    .option('--limit <n>', 'at most this many runs', positiveInt, 50)
    .option('--schedule <id>', 'only runs of this schedule (its id, see `schedules --json`)', positiveInt)
    .option('--bunch <name>', 'only runs of this bunch')
    .option('--task <name>', 'only runs of this task')
    .option('--status <statuses>', 'only runs in these statuses, comma-separated (e.g. FAILED,TIMED_OUT)', runStatuses)
    .option('--json', 'print a JSON array (instants as ISO 8601 UTC, or null)')
    .action(lazy(async () => (await import('./runs-command.js')).runsCommand));

  program
    .command('log')
    .description(`write a task run's output to stdout, byte for byte (${READ_ONLY})`)
    .argument('<run-id>', 'id of the task run (see `runs`)', positiveInt)
    .option('--data <dir>', DATA_HELP)
    .option('--config <file>', CONFIG_HELP)
    .option('--database <url>', DATABASE_HELP)
    .addOption(new Option('--stream <name>', 'which output').choices(['stdout', 'stderr']).default('stdout'))
    .option('--tail <bytes>', 'only the last BYTES bytes (e.g. 4096, 64k, 1M) (default: the whole log)', byteCount)
    .option('--follow', 'keep writing new output as it is stored, until the run has ended (Ctrl-C stops)')
    .action(lazy(async () => (await import('./log-command.js')).logCommand));

  // User and org administration writes beside a running server; it creates and migrates a new data folder.
  const user = program.command('user').description('manage the users of the API (works beside a running server)');
  user
    .command('add')
    .description('add a user; the password is read from stdin (exit code 2 for invalid input)')
    .argument('<name>', "user name: 1 to 64 letters, digits, '.', '_', '@' or '-'")
    .option('--role <role>', 'sat-admin (manages everything) or org-admin (manages one org)')
    .option('--org <org>', "the org of an org admin: its name or id (see 'org list')")
    .option('--password-stdin', 'read the password from stdin, one trailing newline dropped (at least 12 characters)')
    .option('--data <dir>', `${DATA_HELP}; created when missing`)
    .option('--config <file>', CONFIG_HELP)
    .option('--database <url>', DATABASE_HELP)
    .action(lazy(async () => (await import('./user-command.js')).userAddCommand));
  user
    .command('list')
    .description(`list the users (${READ_ONLY})`)
    .option('--data <dir>', DATA_HELP)
    .option('--config <file>', CONFIG_HELP)
    .option('--database <url>', DATABASE_HELP)
    .option('--json', 'print a JSON array (instants as ISO 8601 UTC)')
    .action(lazy(async () => (await import('./user-command.js')).userListCommand));

  const org = program.command('org').description('manage the organisations (works beside a running server)');
  org
    .command('add')
    .description('add an org (exit code 2 for an invalid or taken name)')
    .argument('<name>', 'name of the org (at most 100 characters)')
    .option('--data <dir>', `${DATA_HELP}; created when missing`)
    .option('--config <file>', CONFIG_HELP)
    .option('--database <url>', DATABASE_HELP)
    .action(lazy(async () => (await import('./org-command.js')).orgAddCommand));
  org
    .command('list')
    .description(`list the orgs (${READ_ONLY})`)
    .option('--data <dir>', DATA_HELP)
    .option('--config <file>', CONFIG_HELP)
    .option('--database <url>', DATABASE_HELP)
    .option('--json', 'print a JSON array (instants as ISO 8601 UTC)')
    .action(lazy(async () => (await import('./org-command.js')).orgListCommand));

  program
    .command('migrate-store')
    .description(
      'copy every table of a store into another one (a SQLite data folder into PostgreSQL, or back), in one transaction, ' +
        'then compare row counts and checksums per table; no server may run on either (exit code 2 for a target that is not empty)',
    )
    .requiredOption('--from <store>', 'the store to copy: a data folder (its SQLite database), or a PostgreSQL URL')
    .requiredOption('--to <store>', 'where to copy it: a PostgreSQL URL, or a data folder (created when missing)')
    .option('--replace', 'copy even into a store that holds Taskomatic tables, replacing everything in them')
    .action(lazy(async () => (await import('./migrate-store-command.js')).migrateStoreCommand));

  program
    .command('cron')
    .description('answer questions about Quartz cron expressions (no server needed)')
    .command('next')
    .description('print the next fire times of a Quartz cron expression in a time zone, with its description; exit code 2 for an invalid expression or zone')
    .argument('[expression]', 'Quartz cron expression, seconds first, in quotes')
    .option('--tz <zone>', 'IANA time zone the expression runs in', 'UTC')
    .option('--after <instant>', 'list fires strictly after this ISO 8601 instant (default: now)', instantOption)
    .option('--count <n>', `how many fire times (at most ${MAX_FIRE_COUNT})`, positiveInt, 5)
    .addOption(new Option('--json', 'print one JSON object instead of text').conflicts('jsonl'))
    .option('--jsonl', 'answer one JSON question per line of stdin (see below)')
    .addHelpText('after', JSONL_HELP)
    .action(lazy(async () => (await import('./cron-command.js')).cronNextCommand));

  return program;
}
