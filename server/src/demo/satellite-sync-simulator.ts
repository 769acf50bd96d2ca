/**
 * Demo stand-in for `satellite-sync`: takes the arguments of the default satellite-sync task
 * (`[--channel=NAME] [--no-errata] [--dry-run]`), plus `--fail` and `--speed N`, and prints what a
 * synchronisation from the parent satellite prints, in about six seconds. Without a channel it syncs the channels
 * already imported. The channel `broken` is refused by the parent after the first steps, and `--fail` fails
 * while the packages download. Exit codes: 0 done, 1 failed, 2 bad arguments, 143 stopped by SIGTERM.
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

const options = readArguments(
  (args) =>
    parseArgs({
      args,
      strict: true,
      options: {
        channel: { type: 'string' },
        'no-errata': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        ...COMMON_OPTIONS,
      },
    }).values,
  'satellite-sync-simulator [--channel=NAME] [--no-errata] [--dry-run] [--fail] [--speed N]',
);

const { pause } = paceOf(options.speed);
const channels = options.channel ? [options.channel] : ['sles15-sp5-pool-x86_64', 'sles15-sp5-updates-x86_64'];
const random = seededRandom(channels.join(','));
const log = logger(() => `${new Date().toTimeString().slice(0, 8)} `);
const startedAt = Date.now();
stopOnTerm();

log.out(colour.bold('Spacewalk - live synchronization'));
log.out('   url: https://parent-satellite.example.com');
log.out('   debug/output level: 1');
for (const step of ['channel-families', 'arches', 'additional arches']) {
  log.out(`Retrieving / parsing ${step} data`);
  await pause(350);
  log.out(`${step} data complete`);
}
log.out('Retrieving / parsing channel data');
await pause(400);
if (channels.includes('broken')) {
  log.err(colour.red('ERROR: these channels either do not exist or are not available:'));
  log.err('       broken');
  log.err('       (to see a list of channel labels: satellite-sync --list-channels)');
  process.exit(1);
}
log.out('   p = previously imported/synced channel');
log.out('   . = channel not yet imported/synced');
log.out('   base-channels:');
for (const label of channels) log.out(`      ${options.channel ? '.' : 'p'} ${label.padEnd(40)} ${1_000 + random(9_000)}`);
log.out('Channel data complete');

const missing = 20 + random(40);
log.out('Retrieving short package metadata (used for indexing)');
await pause(500);
log.out(`   Diffing package metadata (what's missing locally?): ${missing} packages`);
const errata = options['no-errata'] ? 0 : 1 + random(15);
if (options['dry-run']) {
  log.out(`Dry run: ${missing} packages and ${errata} errata would be imported; nothing was changed.`);
  log.out(`Total time: ${elapsed(startedAt)}`);
  process.exit(0);
}

log.out('Downloading rpm packages');
for (let i = 1; i <= missing; i++) {
  await pause(2_500 / missing);
  if (i % 5 === 0 || i === missing) log.out(`   Fetching any missing RPMs: ${i}/${missing}`);
  if (i === 7) log.err(colour.yellow(`WARNING: ${packageName(random)} was re-downloaded: checksum mismatch`));
  if (options.fail && i === Math.ceil(missing / 2)) {
    log.err(colour.red('ERROR: simulated failure requested with --fail'));
    log.err('ERROR: synchronisation aborted; run satellite-sync again to resume');
    process.exit(1);
  }
}
log.out('Processing rpm packages...');
await pause(700);
log.out(`   Importing package metadata: ${missing}/${missing}`);
if (errata > 0) {
  log.out('Downloading errata data');
  await pause(500);
  log.out(`   Importing ${errata} errata`);
} else {
  log.out('Errata skipped (--no-errata)');
}
log.err(colour.yellow('WARNING: kickstartable trees were not synchronised: none are published by the parent'));
log.out(colour.green('Import complete'));
log.out(`Total time: ${elapsed(startedAt)}`);
