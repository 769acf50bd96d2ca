import type { SatelliteHealth } from '@taskomatic/shared/ipc';
import { NotTaskomaticError } from './satellite-errors.js';

/**
 * What a satellite's `GET /health` answered, its clock skew measured against `answeredAt` (our clock at the
 * middle of the round trip); a `NotTaskomaticError` when it is not a Taskomatic server's answer.
 */
export function readHealth(value: unknown, answeredAt: number): SatelliteHealth {
  const body = value as {
    status: 'ok' | 'degraded';
    version: string;
    uptimeSeconds: number;
    clock: string;
    database: { ok: boolean };
    scheduler: { running: boolean; schedules: number; runsUnderWay: number; nextFireAt: string | null };
  };
  const clock = new Date(typeof body?.clock === 'string' ? body.clock : NaN);
  if (typeof body?.version !== 'string' || Number.isNaN(clock.getTime()) || !isObject(body.database) || !isObject(body.scheduler)) {
    throw new NotTaskomaticError('/health lacks its version, clock, database or scheduler');
  }
  return {
    status: body.status,
    version: body.version,
    uptimeSeconds: body.uptimeSeconds,
    clock,
    clockSkewMs: Math.round(clock.getTime() - answeredAt),
    databaseOk: body.database.ok,
    schedulerRunning: body.scheduler.running,
    schedules: body.scheduler.schedules,
    runsUnderWay: body.scheduler.runsUnderWay,
    ...(body.scheduler.nextFireAt ? { nextFireAt: new Date(body.scheduler.nextFireAt) } : {}),
  };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
