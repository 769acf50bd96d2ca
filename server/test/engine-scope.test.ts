import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/engine/fake-clock.js';
import { DomainError } from '../src/services/domain-error.js';
import { DIALECTS } from './support/dialects.js';
import { addBunch, addOrg, bunchRuns, type Harness, startHarness } from './support/harness.js';
import { gateTask } from './support/test-tasks.js';

describe.each(DIALECTS)('engine: task scope and org checks (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.dispose());

  it('never runs a satellite-level task inside an org, nor an org task for the satellite', async () => {
    h = await startHarness({ dialect, clock: new FakeClock('2027-01-04T10:00:00Z'), tasks: [gateTask('org-work', { scope: 'org' })] });
    const { server } = h;
    const org = await addOrg(server, 'acme');
    // clear-log-history removes every org's runs: it must not become an org admin's tool.
    const wrongOrgBunch = await addBunch(server, 'org-cleanup', [['clear-log-history']], { orgBunch: true });
    const wrongSatBunch = await addBunch(server, 'sat-org-work', [['org-work']]);
    const created = await server.schedules
      .create({ label: 'x', bunch: 'org-cleanup', orgId: org, cron: '0 0 1 * * ?' }, 'test')
      .catch((e: unknown) => e);
    expect(created).toBeInstanceOf(DomainError);
    expect((created as DomainError).code).toBe('scope-mismatch');
    expect((created as DomainError).message).toBe('Bunch org-cleanup: task clear-log-history is satellite-level: it cannot run inside an org');
    await expect(server.engine.runNow({ bunchId: wrongOrgBunch, orgId: org, requestedBy: 'test' })).rejects.toThrow(/satellite-level/);
    await expect(server.engine.runNow({ bunchId: wrongSatBunch, requestedBy: 'test' })).rejects.toThrow(/runs inside an org/);
    expect(await bunchRuns(server)).toHaveLength(0);
  });

  it('refuses a run for an org that does not exist, and keeps serving others', async () => {
    h = await startHarness({ dialect, clock: new FakeClock('2027-01-04T10:00:00Z'), tasks: [gateTask('org-work', { scope: 'org' })] });
    const { server } = h;
    const bunch = await addBunch(server, 'org-bunch', [['org-work']], { orgBunch: true });
    await expect(server.engine.runNow({ bunchId: bunch, orgId: 424242, requestedBy: 'test' })).rejects.toThrow('Org 424242 does not exist');
    const org = await addOrg(server, 'acme');
    const run = await server.engine.runNow({ bunchId: bunch, orgId: org, requestedBy: 'test' });
    expect(run.status).toBe('READY');
  });
});
