/**
 * Demo stand-in for `spacewalk-repo-sync`: takes the arguments of the default repo-sync task
 * (`--channel NAME [--no-errata] [--latest]`), plus `--fail` and `--speed N`, and prints what a sync prints, in
 * about five seconds. The channel `broken` fails after a few lines (its repository answers 404), as does `--fail`
 * halfway through the download. Exit codes: 0 done, 1 failed, 2 bad arguments, 143 stopped by SIGTERM.
 */
import { parseArgs } from 'node:util';
import {
  colour,
  COMMON_OPTIONS,
  elapsed,
  logger,
  paceOf,
  packageName,
  readArguments,
  seededRandom,
  stopOnTerm,
} from './simulator-support.js';

const USAGE = 'repo-sync-simulator --channel NAME [--no-errata] [--latest] [--fail] [--speed N]';

const options = readArguments(
  (args) =>
    parseArgs({
      args,
      strict: true,
      options: {
        channel: { type: 'string' },
        'no-errata': { type: 'boolean', default: false },
        latest: { type: 'boolean', default: false },
        ...COMMON_OPTIONS,
      },
    }).values,
  USAGE,
);
const channel = options.channel;
if (!channel) {
  process.stderr.write(`--channel is required\nusage: ${USAGE}\n`);
  process.exit(2);
}

const { pause } = paceOf(options.speed);
const random = seededRandom(channel);
const log = logger(() => `${timestamp()} `);
const startedAt = Date.now();
const url = `https://updates.example.com/repo/${channel}/`;
stopOnTerm();

log.out(`Command: ['/usr/bin/spacewalk-repo-sync', '--channel', '${channel}']`);
log.out('Sync of channel started.');
await pause(300);
log.out(`Repo URL: ${url}`);
await pause(400);
if (channel === 'broken') {
  log.err(colour.red(`ERROR: Failed to download ${url}repodata/repomd.xml: HTTP 404 Not Found`));
  log.err('Repo sync failed: the repository metadata could not be read.');
  process.exit(1);
}

const inRepo = 40 + random(80);
const synced = random(inRepo / 2);
const toSync = options.latest ? Math.ceil((inRepo - synced) / 3) : inRepo - synced;
log.out(`    Packages in repo:             ${String(inRepo).padStart(5)}`);
log.out(`    Packages already synced:      ${String(synced).padStart(5)}`);
log.out(`    Packages to sync:             ${String(toSync).padStart(5)}`);
log.out(`    New packages to download:     ${String(toSync).padStart(5)}`);
log.out('  Downloading packages:');
const perPackage = 2_500 / toSync;
for (let i = 1; i <= toSync; i++) {
  await pause(perPackage);
  log.out(`    ${i}/${toSync} : ${packageName(random)}`);
  if (i === Math.ceil(toSync / 3)) {
    log.err(colour.yellow(`WARNING: ${packageName(random)}: checksum type sha1 is deprecated, verifying anyway`));
  }
  if (options.fail && i === Math.ceil(toSync / 2)) {
    log.err(colour.red('ERROR: simulated failure requested with --fail'));
    log.err('Repo sync failed.');
    process.exit(1);
  }
}
log.out('  Importing packages to DB:');
await pause(600);
log.out(`    Importing packages:  |${'#'.repeat(40)}| 100.0%`);
log.out('  Linking packages to the channel.');
await pause(300);

if (options['no-errata']) {
  log.out('  Errata import skipped (--no-errata).');
} else {
  const errata = 1 + random(12);
  log.out(`  Errata in repo: ${errata}.`);
  log.out(`  Syncing ${errata} new errata to channel.`);
  await pause(600);
  log.err(colour.yellow('WARNING: 1 erratum refers to a package that is not in the channel; it was linked without it'));
  log.out('  Importing errata: done.');
}
log.out(colour.green('Repo sync finished.'));
log.out(`Total time: ${elapsed(startedAt)}`);

/** `2024/05/17 10:00:00 +02:00`, as spacewalk-repo-sync stamps its lines. */
function timestamp(): string {
  const now = new Date();
  const pad = (n: number): string => String(Math.abs(n)).padStart(2, '0');
  const offset = -now.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  const date = `${now.getFullYear()}/${pad(now.getMonth() + 1)}/${pad(now.getDate())}`;
  return `${date} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())} ${zone}`;
}
