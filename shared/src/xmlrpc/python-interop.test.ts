import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { XmlRpcParseError } from './parse-error.js';
import { parseMethodCall } from './parse-request.js';
import { serializeFault, serializeMethodResponse } from './serialize.js';
import type { ResultValue } from './xmlrpc-value.js';

// Proves the codec against a client nobody here wrote: Python's standard xmlrpc.client, as Spacewalk scripts use it.

/** Runs a Python program with `input` on stdin and returns its stdout parsed as JSON. */
function python(program: string, input = ''): unknown {
  const result = spawnSync('python3', ['-c', program], { input, encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`python3 exited with ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const HAS_PYTHON = spawnSync('python3', ['-c', 'import xmlrpc.client'], { timeout: 20_000 }).status === 0;

// Each request as ServerProxy sends it: dumps(), encoded in the proxy's encoding, given to us as hex bytes.
// Python refuses ints beyond 32 bits ("int exceeds XML-RPC limits"), so the i8 case swaps in a marshaller that
// writes <i8>, as a client talking to an i8-aware server would.
const PYTHON_REQUESTS = `
import datetime, json, xmlrpc.client as x
def send(params, name, encoding='utf-8', **options):
    return x.dumps(params, name, encoding=encoding, **options).encode(encoding, 'xmlcharrefreplace').hex()
cases = {
  'scalars': send(('text é 😀 <&> "q"', '', 0, -2147483648, 2147483647, True, False, 0.1, -1e300, 1e21), 'test.scalars'),
  'dates': send((datetime.datetime(2027, 1, 15, 12, 34, 56), datetime.datetime(2028, 2, 29, 0, 0, 0, 999000)), 'test.dates'),
  'binary': send((x.Binary(bytes(range(256)) * 4), x.Binary(b'')), 'test.binary'),
  'struct': send(({'__proto__': {'polluted': 1}, 'constructor': {'prototype': {'polluted': 2}}, '': 'empty',
                   'a&b<c>': 1, 'é': [1, [2, [3, []]]], 'toString': {}},), 'test.struct'),
  'nil': send((None, [None], {'n': None}), 'test.nil', allow_none=True),
  'latin1': send(('café',), 'test.latin1', encoding='iso-8859-1'),
  'crlf': send(('a\\r\\nb',), 'test.crlf'),
  'control': send(('bell\\x07',), 'test.control'),
  'multicall': send(([{'methodName': 'auth.login', 'params': ['admin', 'secret']}],), 'system.multicall'),
}
class I8Marshaller(x.Marshaller):
    dispatch = dict(x.Marshaller.dispatch)
    def dump_long(self, value, write):
        tag = 'int' if x.MININT <= value <= x.MAXINT else 'i8'
        write('<value><%s>%d</%s></value>\\n' % (tag, value, tag))
    dispatch[int] = dump_long
x.Marshaller = I8Marshaller
cases['i8'] = send((2**31, -2**31 - 1, 2**53 - 1, -(2**53 - 1), 5), 'test.i8')
cases['beyond'] = send((2**53,), 'test.beyond')
print(json.dumps(cases))
`;

// Reads each of our responses with loads(use_builtin_types=True) and reports it as JSON, types marked where
// JSON would blur them: floats, datetimes, bytes, faults.
const PYTHON_RESPONSES = `
import datetime, json, sys, xmlrpc.client as x
def plain(value):
    if isinstance(value, bool) or isinstance(value, int) or isinstance(value, str) or value is None:
        return value
    if isinstance(value, float): return {'$float': value}
    if isinstance(value, datetime.datetime): return {'$date': value.isoformat()}
    if isinstance(value, bytes): return {'$bytes': value.hex()}
    if isinstance(value, list): return [plain(item) for item in value]
    if isinstance(value, dict): return {key: plain(item) for key, item in value.items()}
    raise TypeError(type(value).__name__)
out = []
for body in json.load(sys.stdin):
    try:
        params, method = x.loads(body, use_builtin_types=True)
        out.append(plain(params[0]))
    except x.Fault as fault:
        out.append({'$fault': [fault.faultCode, fault.faultString]})
print(json.dumps(out))
`;

let requests: Record<string, string> | undefined;

/** The bytes Python sends for a case of PYTHON_REQUESTS (Python runs once for all). */
function pythonRequest(name: string): Buffer {
  requests ??= python(PYTHON_REQUESTS) as Record<string, string>;
  return Buffer.from(requests[name] ?? '', 'hex');
}

describe.skipIf(!HAS_PYTHON)(HAS_PYTHON ? 'interop with Python xmlrpc.client' : 'interop with Python xmlrpc.client (skipped: python3 is not installed)', () => {
  it("reads what Python's dumps() sends", () => {
    const read = (name: string): unknown => parseMethodCall(pythonRequest(name));

    expect(read('scalars')).toEqual({
      methodName: 'test.scalars',
      params: ['text é 😀 <&> "q"', '', 0, -2_147_483_648, 2_147_483_647, true, false, 0.1, -1e300, 1e21],
    });
    // Python writes naive datetimes without a zone: read as UTC; it drops microseconds itself.
    expect(read('dates')).toMatchObject({ params: [new Date('2027-01-15T12:34:56Z'), new Date('2028-02-29T00:00:00Z')] });
    expect(read('binary')).toMatchObject({ params: [new Uint8Array(Buffer.concat(Array.from({ length: 4 }, () => Buffer.from(Array.from({ length: 256 }, (_, index) => index))))), new Uint8Array()] });
    const struct = (read('struct') as { params: ReadonlyArray<Record<string, unknown>> }).params[0] ?? {};
    expect(Object.keys(struct)).toEqual(['__proto__', 'constructor', '', 'a&b<c>', 'é', 'toString']);
    expect(struct).toEqual({ ['__proto__']: { polluted: 1 }, constructor: { prototype: { polluted: 2 } }, '': 'empty', 'a&b<c>': 1, é: [1, [2, [3, []]]], toString: {} });
    expect(Object.getPrototypeOf(struct)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(read('nil')).toMatchObject({ params: [null, [null], { n: null }] });
    expect(read('latin1')).toMatchObject({ params: ['café'] });
    expect(read('crlf')).toMatchObject({ params: ['a\nb'] }); // Python sends \r raw; XML turns it into \n
    expect(read('i8')).toMatchObject({ params: [2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 5] });
    expect(read('multicall')).toMatchObject({ methodName: 'system.multicall', params: [[{ methodName: 'auth.login', params: ['admin', 'secret'] }]] });
  });

  it('refuses with a clear message what Python sends but XML cannot carry', () => {
    const error = (name: string): unknown => {
      try {
        return parseMethodCall(pythonRequest(name));
      } catch (thrown) {
        return thrown instanceof XmlRpcParseError ? { code: thrown.code, message: thrown.message } : thrown;
      }
    };
    expect(error('control')).toEqual({ code: 'malformed', message: expect.stringMatching(/control character U\+0007 is not allowed/) });
    expect(error('beyond')).toEqual({ code: 'bad-value', message: expect.stringMatching(/<i8> holds '9007199254740992', beyond/) });
  });

  it('writes responses that loads(use_builtin_types=True) reads back', () => {
    const odd = JSON.parse('{"__proto__": "member", "constructor": 1}') as Record<string, ResultValue>;
    const runs = Array.from({ length: 100 }, (_, index) => ({
      id: index,
      schedule_id: 1000 + index,
      task: 'repo-sync',
      start_time: new Date(Date.UTC(2027, 0, 15, 12, 0, index % 60)),
      end_time: index % 2 === 0 ? new Date(Date.UTC(2027, 0, 15, 12, 5, 0)) : undefined,
      status: 'FINISHED',
    }));
    const responses = [
      serializeMethodResponse({
        id: 1,
        big: 2 ** 40,
        negative: -(2 ** 53 - 1),
        ratio: 0.25,
        whole: 3,
        ok: true,
        no: false,
        name: 'héllo <&> 😀 "q"\r\n\tend',
        when: new Date('2027-01-15T12:34:56.789Z'),
        data: Buffer.from([0, 1, 255]),
        list: [1, 'a', [], {}],
        skip: undefined,
        none: null,
      }),
      serializeMethodResponse(odd),
      serializeMethodResponse('nul\0 esc\u001b lone\uD800'),
      serializeMethodResponse(runs),
      serializeMethodResponse([]),
      serializeFault(4, 'parameter 2 of <x> & y: expected int'),
    ];
    const [main, oddKeys, controls, runList, empty, fault] = python(PYTHON_RESPONSES, JSON.stringify(responses)) as unknown[];
    expect(main).toEqual({
      id: 1,
      big: 2 ** 40,
      negative: -(2 ** 53 - 1),
      ratio: { $float: 0.25 },
      whole: 3,
      ok: true,
      no: false,
      name: 'héllo <&> 😀 "q"\r\n\tend',
      when: { $date: '2027-01-15T12:34:56' },
      data: { $bytes: '0001ff' },
      list: [1, 'a', [], {}],
    });
    expect(oddKeys).toEqual(JSON.parse('{"__proto__": "member", "constructor": 1}'));
    expect(controls).toBe('nul\uFFFD esc\uFFFD lone\uFFFD');
    expect(runList).toHaveLength(100);
    expect((runList as unknown[])[1]).toEqual({ id: 1, schedule_id: 1001, task: 'repo-sync', start_time: { $date: '2027-01-15T12:00:01' }, status: 'FINISHED' });
    expect(empty).toEqual([]);
    expect(fault).toEqual({ $fault: [4, 'parameter 2 of <x> & y: expected int'] });
  });
});
