import { parseConfig, DEFAULT_CONFIG } from '../config/server-config.js';
import { apiCalendar, apiLogin, apiRead, apiUnderLoadLateness } from './api-scenarios.js';
import { probeTask, type ScenarioResult } from './bench-support.js';
import { clusterLateness } from './cluster-lateness.js';
import { clusterRuns } from './cluster-runs.js';
import { burst, footprint, footprintMeasure, lateness, logIngestion } from './scenarios.js';

/** Every scenario by name; each runs in a process of its own so none measures another's leftovers. */
export const SCENARIOS: Readonly<Record<string, () => Promise<ScenarioResult>>> = {
  'lateness-10k': () => lateness(10_000, 62),
  'lateness-100k': () => lateness(100_000, 62),
  'builtin-runs': () => burst('builtin-runs', 'bench-probe', 50_000, DEFAULT_CONFIG, [probeTask()]),
  'command-runs': () =>
    burst(
      'command-runs',
      'true',
      3_000,
      parseConfig('tasks:\n  "true":\n    description: /bin/true\n    executable: /bin/true\n    maxParallel: 32\n', 'benchmark'),
    ),
  'log-ingestion': () => logIngestion(200),
  'footprint-100k': () => footprint(100_000),
  'api-login': () => apiLogin(),
  'api-read': () => apiRead(),
  'api-calendar': () => apiCalendar(),
  'api-under-load-lateness': () => apiUnderLoadLateness(),
  'cluster-runs': () => clusterRuns(),
  'cluster-lateness': () => clusterLateness(),
  'footprint-measure': () => footprintMeasure(process.argv[3] ?? '', Number(process.argv[4])),
};

const name = process.argv[2];
const scenario = name ? SCENARIOS[name] : undefined;
if (process.argv[1]?.endsWith('scenario-runner.js')) {
  if (!scenario) {
    process.stderr.write(`unknown scenario ${String(name)}; known: ${Object.keys(SCENARIOS).join(', ')}\n`);
    process.exit(2);
  }
  scenario().then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
