import type { RunStatus } from '@taskomatic/shared';
import { isFinalStatus } from '@taskomatic/shared';
import type { BunchRunRecord } from '../engine/run-record.js';
import type { EngineStatus } from '../engine/engine.js';
import type { CallOutcome } from '../rpc/gate.js';
import { Counter, Histogram } from './registry.js';

/**
 * What `GET /metrics` reports, in Prometheus text format: fires and their lateness, runs by final status,
 * API calls and faults with their latency, and the engine's current state.
 */
export class ServerMetrics {
  readonly #fires = new Counter('taskomatic_fires_total', 'Fires started (scheduled, moved, catch-up and manual runs)');
  readonly #lateness = new Histogram('taskomatic_fire_lateness_seconds', 'Start time minus due time of fires', [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5, 30]);
  readonly #runs = new Counter('taskomatic_runs_total', 'Bunch runs that ended, by status');
  readonly #calls = new Counter('taskomatic_api_calls_total', 'API calls, by method and outcome (ok or the fault name)');
  readonly #callSeconds = new Histogram('taskomatic_api_call_seconds', 'API call duration', [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5]);
  readonly #started = new WeakSet<BunchRunRecord>();
  readonly #ended = new WeakSet<BunchRunRecord>();

  /** Counts the runs whose state was just committed: a start once, an end once. */
  runsCommitted(runs: ReadonlyArray<BunchRunRecord>): void {
    for (const run of runs) {
      if (run.startedAt !== null && !this.#started.has(run)) {
        this.#started.add(run);
        this.#fires.inc({ trigger: run.trigger });
        this.#lateness.observe(Math.max(0, run.startedAt - run.dueAt) / 1000);
      }
      if (isFinalStatus(run.status as RunStatus) && !this.#ended.has(run)) {
        this.#ended.add(run);
        this.#runs.inc({ status: run.status });
      }
    }
  }

  /** Counts one API call. */
  apiCall(method: string, outcome: CallOutcome, ms: number): void {
    this.#calls.inc({ method, outcome: outcome.ok ? 'ok' : outcome.fault.fault });
    this.#callSeconds.observe(ms / 1000);
  }

  render(engine: EngineStatus): string {
    const gauges = [
      '# HELP taskomatic_scheduler_running 1 while the scheduler fires schedules',
      '# TYPE taskomatic_scheduler_running gauge',
      `taskomatic_scheduler_running ${engine.running ? 1 : 0}`,
      '# HELP taskomatic_schedules_scheduled Schedules with a next fire time',
      '# TYPE taskomatic_schedules_scheduled gauge',
      `taskomatic_schedules_scheduled ${engine.scheduled}`,
      '# HELP taskomatic_runs_under_way Bunch runs running or postponed now',
      '# TYPE taskomatic_runs_under_way gauge',
      `taskomatic_runs_under_way ${engine.live}`,
      '# HELP taskomatic_runs_pending Bunch runs waiting for their time',
      '# TYPE taskomatic_runs_pending gauge',
      `taskomatic_runs_pending ${engine.pending}`,
    ];
    return `${[...this.#fires.render(), ...this.#lateness.render(), ...this.#runs.render(), ...this.#calls.render(), ...this.#callSeconds.render(), ...gauges].join('\n')}\n`;
  }
}
