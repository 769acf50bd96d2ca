import { describe, expect, it } from 'vitest';
import { appLink } from './app-link';

describe('appLink', () => {
  it('replaces the hash of this window address', () => {
    expect(appLink('#/runs/s/4?step=9', 'http://127.0.0.1:5000/#/runs?status=FAILED')).toBe('http://127.0.0.1:5000/#/runs/s/4?step=9');
  });
  it('works for a file address and one without a hash', () => {
    expect(appLink('#/runs/s/4', 'file:///opt/app/index.html')).toBe('file:///opt/app/index.html#/runs/s/4');
  });
});
