import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    [1500, 1500],
    [0, 0],
    ['1500', 1500],
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['1.5h', 5_400_000],
    [' 10s ', 10_000],
  ] as const)('reads %j as %d ms', (input, expected) => {
    expect(parseDuration(input, 'timeout')).toBe(expected);
  });

  it.each(['', 'abc', '-5s', '5 m', '5x', '30m1h', '1h1h', 'ms', '1.s', '5s-', 'Infinity'])(
    'refuses %j and names the setting and the value',
    (input) => {
      expect(() => parseDuration(input, 'tasks.repo-sync.timeout')).toThrow(
        `Invalid tasks.repo-sync.timeout: ${JSON.stringify(input)} is not a duration`,
      );
    },
  );

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('refuses the number %d', (input) => {
    expect(() => parseDuration(input, 'killGrace')).toThrow(/Invalid killGrace/);
  });
});
