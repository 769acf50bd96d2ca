import { describe, expect, it } from 'vitest';
import { FakeClock } from '../engine/fake-clock.js';
import { type LoginAttempt, LoginThrottle, LoginThrottledError } from './login-throttle.js';

const START = '2027-01-04T10:00:00Z';

/** One attempt that fails. */
async function fail(throttle: LoginThrottle, user: string, address: string | null): Promise<void> {
  const attempt = await throttle.begin(user, address);
  attempt.failed();
  attempt.end();
}

async function refusal(throttle: LoginThrottle, user: string, address: string | null): Promise<number | null> {
  try {
    const attempt = await throttle.begin(user, address);
    attempt.end();
    return null;
  } catch (error) {
    if (error instanceof LoginThrottledError) return error.retryAfterSeconds;
    throw error;
  }
}

describe('LoginThrottle', () => {
  it('lets 5 failures through, then makes each further attempt wait 1 s, 2 s, 4 s ... up to 5 minutes', async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 5; i++) await fail(throttle, 'alice', `192.0.2.${i}`);
    expect(await refusal(throttle, 'alice', '198.51.100.1')).toBe(1);
    await clock.advance(999);
    expect(await refusal(throttle, 'alice', '198.51.100.1')).toBe(1);
    await clock.advance(1);
    await fail(throttle, 'alice', '198.51.100.1');
    expect(await refusal(throttle, 'alice', '198.51.100.1')).toBe(2);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wait = (await refusal(throttle, 'alice', '198.51.100.1')) ?? 0;
      waits.push(wait);
      await clock.advance(wait * 1000);
      await fail(throttle, 'alice', `203.0.113.${i}`);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300]);
  });

  it('shows the time left, rounded up, and the message says it', async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock, { firstDelayMs: 10_000 });
    for (let i = 0; i < 5; i++) await fail(throttle, 'alice', null);
    await clock.advance(2500);
    const error = await throttle.begin('alice', null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginThrottledError);
    expect((error as LoginThrottledError).retryAfterSeconds).toBe(8);
    expect((error as Error).message).toBe('Too many failed logins; try again in 8 s');
  });

  it('throttles per address, across user names (password spraying)', async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 5; i++) await fail(throttle, `user${i}`, '192.0.2.9');
    expect(await refusal(throttle, 'someone-else', '192.0.2.9')).toBe(1);
    // The same user names from another address are not affected.
    expect(await refusal(throttle, 'someone-else', '192.0.2.10')).toBeNull();
    // Nor are other addresses of the same IPv6 /64 spared: it counts as one.
    for (let i = 0; i < 5; i++) await fail(throttle, `v6user${i}`, `2001:db8:1:2::${i + 1}`);
    expect(await refusal(throttle, 'fresh', '2001:db8:1:2:ffff::99')).toBe(1);
  });

  it('counts user names case-insensitively', async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 5; i++) await fail(throttle, i % 2 ? 'ALICE' : 'alice', `192.0.2.${i}`);
    expect(await refusal(throttle, 'Alice', '192.0.2.200')).toBe(1);
  });

  it('forgets failures 15 minutes after the latest one', async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 4; i++) await fail(throttle, 'alice', null);
    await clock.advance(15 * 60_000 - 1);
    await fail(throttle, 'alice', null);
    expect(await refusal(throttle, 'alice', null)).toBe(1);
    await clock.advance(15 * 60_000);
    expect(await refusal(throttle, 'alice', null)).toBeNull();
    for (let i = 0; i < 4; i++) await fail(throttle, 'alice', null);
    expect(await refusal(throttle, 'alice', null)).toBeNull();
  });

  it("forgets a user name's failures on a success, but not the address's", async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 4; i++) await fail(throttle, 'alice', '192.0.2.1');
    const attempt = await throttle.begin('alice', '192.0.2.1');
    attempt.succeeded();
    attempt.end();
    for (let i = 0; i < 4; i++) await fail(throttle, 'alice', '192.0.2.2');
    expect(await refusal(throttle, 'alice', '192.0.2.3')).toBeNull();
    await fail(throttle, 'bob', '192.0.2.1');
    expect(await refusal(throttle, 'carol', '192.0.2.1')).toBe(1);
  });

  it('gives a burst of parallel guesses no more password checks than a sequence would get', async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock);
    const started: LoginAttempt[] = [];
    const outcomes = Array.from({ length: 20 }, () =>
      throttle.begin('alice', '192.0.2.1').then(
        (attempt) => {
          started.push(attempt);
          return 'checked';
        },
        (error: unknown) => (error instanceof LoginThrottledError ? 'throttled' : 'error'),
      ),
    );
    await clock.advance(0);
    expect(started).toHaveLength(5);
    for (const attempt of started.splice(0)) {
      attempt.failed();
      attempt.end();
    }
    const results = await Promise.all(outcomes);
    expect(results.filter((r) => r === 'checked')).toHaveLength(5);
    expect(results.filter((r) => r === 'throttled')).toHaveLength(15);
  });

  it('lets queued attempts go once the ones under way succeed', async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 4; i++) await fail(throttle, 'alice', null);
    const first = await throttle.begin('alice', null);
    let second: LoginAttempt | null = null;
    const waiting = throttle.begin('alice', null).then((a) => (second = a));
    await clock.advance(0);
    expect(second).toBeNull();
    first.succeeded();
    first.end();
    await waiting;
    expect(second).not.toBeNull();
  });

  it('refuses attempts beyond the queue limit at once', async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock, { freeFailures: 1, maxQueued: 2 });
    const first = await throttle.begin('alice', null);
    const queued = [throttle.begin('alice', null), throttle.begin('alice', null)];
    await expect(throttle.begin('alice', null)).rejects.toBeInstanceOf(LoginThrottledError);
    first.succeeded();
    first.end();
    (await queued[0])?.end();
    (await queued[1])?.end();
  });

  it('stays bounded: idle user names and addresses are forgotten when the table is full', async () => {
    const clock = new FakeClock(START);
    const throttle = new LoginThrottle(clock, { maxKeys: 100 });
    for (let i = 0; i < 5; i++) await fail(throttle, 'target', '192.0.2.1');
    await clock.advance(15 * 60_000);
    for (let i = 0; i < 1000; i++) await fail(throttle, `spray${i}`, `198.51.100.${i % 250}`);
    // The sprayed names filled the table many times over; memory did not grow past it.
    expect(throttle.size.users).toBeLessThanOrEqual(100);
    expect(throttle.size.addresses).toBeLessThanOrEqual(100);
    expect(await refusal(throttle, 'spray999', null)).toBeNull();
    expect(await refusal(throttle, 'target', null)).toBeNull();
  });
});
