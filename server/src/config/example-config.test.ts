import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from './server-config.js';

describe('config.example.yaml', () => {
  it('is a valid configuration, so administrators can start from it', () => {
    const config = loadConfigFile(fileURLToPath(new URL('../../config.example.yaml', import.meta.url)));
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 2829 });
    expect(config.stopGrace).toBe(30_000);
    expect(config.tasks['errata-cache']?.executable).toBe('/usr/sbin/errata-cache');
    // An entry for a default task keeps what it does not name.
    expect(config.tasks['errata-cache']?.description).toMatch(/errat/i);
    expect(config.tasks['repo-sync']).toMatchObject({ maxParallel: 4, timeout: 4 * 3_600_000 });
    expect(config.tasks['rotate-reports']).toMatchObject({ parallelizable: false, scope: 'satellite', timeout: 1_800_000 });
  });
});
