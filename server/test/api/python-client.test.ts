import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_PASSWORD, type ApiFixture, ECHO_STDERR, ECHO_STDOUT, FAULT_CODES, ORG_BUNCH, SAT_BUNCH, startApiFixture } from './api-client.js';

/**
 * The API driven from Python's standard xmlrpc.client, exactly as a Spacewalk admin script would: a client
 * nobody here wrote. Python runs as a child process (asynchronously: the server answers from this process).
 */

const HAS_PYTHON = spawnSync('python3', ['-c', 'import xmlrpc.client'], { timeout: 20_000 }).status === 0;

/** Shared by both scripts: JSON output of what Python saw (datetimes and faults made explicit). */
const PRELUDE = `
import datetime, json, sys, time, xmlrpc.client

url = sys.argv[1]
client = xmlrpc.client.ServerProxy(url)
out = {}

def iso(value):
    # xmlrpc.client gives DateTime objects (use_builtin_types is off, as in old scripts): 20270104T10:00:00
    return datetime.datetime.strptime(value.value, '%Y%m%dT%H:%M:%S').replace(tzinfo=datetime.timezone.utc).isoformat()

def fault(call, *args):
    try:
        call(*args)
    except xmlrpc.client.Fault as f:
        return {'faultCode': f.faultCode, 'faultString': f.faultString}
    return None

def wait_for(what, check, timeout=20):
    deadline = time.time() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.time() > deadline:
            raise SystemExit('timed out waiting for ' + what)
        time.sleep(0.1)
`;

const SATELLITE_SCRIPT = `${PRELUDE}
user, password = sys.argv[2], sys.argv[3]
key = client.auth.login(user, password)
out['methods'] = client.system.listMethods()
out['signature'] = client.system.methodSignature('taskomatic.getSatRunStdOutputLog')
out['bunches'] = [b['name'] for b in client.taskomatic.listSatBunches(key)]

# A bunch scheduled with a cron every two seconds, as Spacewalk scripts did.
label = 'python-every-2s'
first = client.taskomatic.scheduleSatBunch(key, 'api-sat-bunch', label, '0/2 * * * * ?', {'message': 'from python'})
out['firstFire'] = iso(first)
schedule = [s for s in client.taskomatic.listActiveSatSchedules(key) if s['job_label'] == label][0]
out['schedule'] = {'id': schedule['id'], 'bunch': schedule['bunch'], 'cron_expr': schedule['cron_expr'], 'data_map': schedule['data_map']}
out['lookup'] = client.taskomatic.lookupScheduleById(key, schedule['id'])['job_label']
run = wait_for('a finished run', lambda: [r for r in client.taskomatic.listScheduleSatRuns(key, schedule['id']) if r['status'] == 'FINISHED'])[0]
out['run'] = {'schedule_id': run['schedule_id'], 'task': run['task'], 'status': run['status'], 'stdOutputPath': run['stdOutputPath'],
              'started': iso(run['start_time']), 'ended': iso(run['end_time'])}
out['stdout'] = client.taskomatic.getSatRunStdOutputLog(key, run['id'], -1)
out['stdoutTail'] = client.taskomatic.getSatRunStdOutputLog(key, run['id'], 7)
out['stderr'] = client.taskomatic.getSatRunStdErrorLog(key, run['id'], -1)
out['bunchRuns'] = run['id'] in [r['id'] for r in client.taskomatic.listBunchSatRuns(key, 'api-sat-bunch')]
out['unscheduled'] = client.taskomatic.unscheduleSatBunch(key, label)
out['active'] = [s['job_label'] for s in client.taskomatic.listActiveSatSchedules(key)]
out['unscheduleAgain'] = fault(client.taskomatic.unscheduleSatBunch, key, label)

# Run once now, and once at a chosen instant (a naive datetime in UTC, as xmlrpc.client sends it).
now = client.taskomatic.scheduleSingleSatBunchRun(key, 'api-sat-bunch', {})
out['runNowAt'] = iso(now)
single = wait_for('the single run', lambda: [r for r in client.taskomatic.listBunchSatRuns(key, 'api-sat-bunch') if 'schedule_id' not in r and r['status'] == 'FINISHED'])[0]
out['singleLog'] = client.taskomatic.getSatRunStdOutputLog(key, single['id'], -1)
start = datetime.datetime.utcnow().replace(microsecond=0) + datetime.timedelta(days=2)
out['startAsked'] = start.replace(tzinfo=datetime.timezone.utc).isoformat()
out['startAnswered'] = iso(client.taskomatic.scheduleSingleSatBunchRun(key, 'api-sat-bunch', {}, start))

# Several calls in one request, through xmlrpc.client.MultiCall: a fault comes out where it belongs.
multi = xmlrpc.client.MultiCall(client)
multi.auth.whoami(key)
multi.taskomatic.lookupBunchByName(key, 'no-such-bunch')
multi.system.methodHelp('auth.login')
results = multi()
out['multicallFirst'] = results[0]['username']
try:
    results[1]
except xmlrpc.client.Fault as f:
    out['multicallFault'] = f.faultCode
out['multicallThird'] = results[2]

# Bad calls a script can make: a wrong bunch, a wrong cron, wrong argument count.
out['badBunch'] = fault(client.taskomatic.scheduleSatBunch, key, 'no-such-bunch', 'x', '0 0 1 * * ?', {})
out['badCron'] = fault(client.taskomatic.scheduleSatBunch, key, 'api-sat-bunch', 'python-bad', '0 0 25 * * ?', {})
out['badCount'] = fault(client.taskomatic.listSatBunches, key, 'extra')
out['logout'] = client.auth.logout(key)
out['afterLogout'] = fault(client.taskomatic.listSatBunches, key)
print(json.dumps(out))
`;

const ORG_SCRIPT = `${PRELUDE}
user, password = sys.argv[2], sys.argv[3]
key = client.auth.login(user, password)
out['bunches'] = [b['name'] for b in client.taskomatic.org.listBunches(key)]
label = 'python-org-every-2s'
client.taskomatic.org.scheduleBunch(key, 'api-org-bunch', label, '0/2 * * * * ?', {'message': 'org python'})
schedule = [s for s in client.taskomatic.org.listActiveSchedules(key) if s['job_label'] == label][0]
out['scheduleOrg'] = schedule['org_id']
out['byBunch'] = label in [s['job_label'] for s in client.taskomatic.org.listActiveSchedulesByBunch(key, 'api-org-bunch')]
run = wait_for('a finished org run', lambda: [r for r in client.taskomatic.org.listScheduleRuns(key, schedule['id']) if r['status'] == 'FINISHED'])[0]
out['stdout'] = client.taskomatic.org.getRunStdOutputLog(key, run['id'], -1)
out['stderr'] = client.taskomatic.org.getRunStdErrorLog(key, run['id'], -1)
out['inBunchRuns'] = run['id'] in [r['id'] for r in client.taskomatic.org.listBunchRuns(key, 'api-org-bunch')]
out['unscheduled'] = client.taskomatic.org.unscheduleBunch(key, label)
ended = [s for s in client.taskomatic.org.listAllSchedules(key) if s['job_label'] == label][0]
out['endedHasActiveTill'] = 'active_till' in ended
client.taskomatic.org.scheduleSingleBunchRun(key, 'api-org-bunch', {'message': 'org single'})
single = wait_for('the single org run', lambda: [r for r in client.taskomatic.org.listBunchRuns(key, 'api-org-bunch') if 'schedule_id' not in r and r['status'] == 'FINISHED'])[0]
out['singleLog'] = client.taskomatic.org.getRunStdOutputLog(key, single['id'], -1)
# What an org admin may not do.
out['satMethod'] = fault(client.taskomatic.listSatBunches, key)
out['satBunch'] = fault(client.taskomatic.org.scheduleBunch, key, 'api-sat-bunch', 'python-org-bad', '0 0 1 * * ?', {})
out['otherRun'] = fault(client.taskomatic.org.getRunStdOutputLog, key, int(sys.argv[4]), -1)
out['logout'] = client.auth.logout(key)
print(json.dumps(out))
`;

/** Runs a Python script (written to a temp file) with arguments; resolves with its JSON output. */
function runPython(script: string, args: ReadonlyArray<string>): Promise<any> {
  const dir = mkdtempSync(join(tmpdir(), 'taskomatic-python-'));
  const file = join(dir, 'script.py');
  writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`python3 exited with ${code}:\n${stderr}\n${stdout}`));
      try {
        resolve(JSON.parse(stdout));
      } catch (error) {
        reject(new Error(`python3 printed no JSON (${(error as Error).message}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

if (!HAS_PYTHON) {
  describe('the API from Python xmlrpc.client', () => {
    it.skip('skipped: python3 (with its standard xmlrpc.client) is not installed on this machine', () => undefined);
  });
} else {
  describe('the API from Python xmlrpc.client, as a Spacewalk admin script uses it', () => {
    let fx: ApiFixture;
    let url: string;
    beforeAll(async () => {
      fx = await startApiFixture({ withRuns: true });
      url = `http://${fx.client.host}:${fx.client.port}/rpc/api`;
    });
    afterAll(async () => {
      await fx?.stop();
    });

    it('satellite admin: log in, schedule a bunch every 2 s, wait for a finished run, read its log, unschedule, run once, log out', async () => {
      const out = await runPython(SATELLITE_SCRIPT, [url, ADMIN, ADMIN_PASSWORD]);
      expect(out.methods).toContain('taskomatic.scheduleSatBunch');
      expect(out.signature).toEqual([['string', 'string', 'int', 'int']]);
      expect(out.bunches).toContain(SAT_BUNCH);
      expect(out.bunches).not.toContain(ORG_BUNCH);
      expect(Date.parse(out.firstFire) - Date.now()).toBeLessThan(3000);
      expect(out.schedule).toMatchObject({ bunch: SAT_BUNCH, cron_expr: '0/2 * * * * ?', data_map: { message: 'from python' } });
      expect(out.lookup).toBe('python-every-2s');
      expect(out.run).toMatchObject({ schedule_id: out.schedule.id, task: 'api-echo', status: 'FINISHED', stdOutputPath: true });
      expect(Date.parse(out.run.ended)).toBeGreaterThanOrEqual(Date.parse(out.run.started));
      expect(out.stdout).toBe(ECHO_STDOUT.replace('hello', 'from python'));
      expect(out.stdoutTail).toBe('output\n');
      expect(out.stderr).toBe(ECHO_STDERR);
      expect(out.bunchRuns).toBe(true);
      expect(out.unscheduled).toBe(1);
      expect(out.active).not.toContain('python-every-2s');
      expect(out.unscheduleAgain).toMatchObject({ faultCode: FAULT_CODES.NOT_FOUND, faultString: expect.stringContaining('python-every-2s') });
      expect(Math.abs(Date.parse(out.runNowAt) - Date.now())).toBeLessThan(30_000);
      expect(out.singleLog).toBe(ECHO_STDOUT);
      expect(out.startAnswered).toBe(out.startAsked);
      expect(out.multicallFirst).toBe(ADMIN);
      expect(out.multicallThird).toContain('Logs in');
      expect(out.multicallFault).toBe(FAULT_CODES.NOT_FOUND);
      expect(out.badBunch).toMatchObject({ faultCode: FAULT_CODES.NOT_FOUND });
      expect(out.badCron).toMatchObject({ faultCode: FAULT_CODES.INVALID_CRON, faultString: expect.stringMatching(/hour|25/i) });
      expect(out.badCount).toMatchObject({ faultCode: FAULT_CODES.INVALID_PARAMS });
      expect(out.logout).toBe(1);
      expect(out.afterLogout).toMatchObject({ faultCode: FAULT_CODES.NOT_AUTHENTICATED });
      // Its cron schedule fires no more after unscheduleSatBunch.
      const schedule = await fx.admin.call('schedules.get', { id: out.schedule.id });
      expect(schedule).toMatchObject({ ended: true });
    });

    it("org admin: taskomatic.org.* on its own org, and refused the satellite's and other orgs' things", async () => {
      const out = await runPython(ORG_SCRIPT, [url, fx.acme.adminUsername, fx.acme.adminPassword, String(fx.runs.globex?.taskRunId)]);
      expect(out.bunches).toContain(ORG_BUNCH);
      expect(out.bunches).not.toContain(SAT_BUNCH);
      expect(out.scheduleOrg).toBe(fx.acme.id);
      expect(out.byBunch).toBe(true);
      expect(out.stdout).toBe(ECHO_STDOUT.replace('hello', 'org python'));
      expect(out.stderr).toBe(ECHO_STDERR);
      expect(out.inBunchRuns).toBe(true);
      expect(out.unscheduled).toBe(1);
      expect(out.endedHasActiveTill).toBe(true);
      expect(out.singleLog).toBe(ECHO_STDOUT.replace('hello', 'org single'));
      expect(out.satMethod).toMatchObject({ faultCode: FAULT_CODES.PERMISSION_DENIED });
      expect(out.satBunch).toMatchObject({ faultCode: FAULT_CODES.NOT_FOUND });
      expect(out.otherRun).toMatchObject({ faultCode: FAULT_CODES.NOT_FOUND });
      expect(out.logout).toBe(1);
    });
  });
}
