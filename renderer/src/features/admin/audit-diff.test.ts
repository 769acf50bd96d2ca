import { describe, expect, it } from 'vitest';
import { auditDiff } from './audit-diff';

describe('auditDiff', () => {
  it('lists every field of a creation as added, nested ones by path', () => {
    expect(auditDiff(undefined, '{"label":"nightly","params":{"channel":"base"},"tags":["a","b"]}').rows).toEqual([
      { path: 'label', change: 'added', after: 'nightly' },
      { path: 'params.channel', change: 'added', after: 'base' },
      { path: 'tags', change: 'added', after: '["a","b"]' },
    ]);
  });

  it('lists every field of a deletion as removed', () => {
    expect(auditDiff('{"username":"bob","disabled":false}', undefined).rows).toEqual([
      { path: 'username', change: 'removed', before: 'bob' },
      { path: 'disabled', change: 'removed', before: 'false' },
    ]);
  });

  it('reads a partial "after" as the changed fields only, the rest counted unchanged', () => {
    const diff = auditDiff('{"retention_days":7,"default_time_zone":"UTC","log_cap_bytes":1024}', '{"retention_days":14,"default_time_zone":"UTC"}');
    expect(diff.rows).toEqual([{ path: 'retention_days', change: 'changed', before: '7', after: '14' }]);
    expect(diff.unchanged).toBe(2);
  });

  it('shows new fields as added and null as a value', () => {
    expect(auditDiff('{"role":"org-admin","orgId":1}', '{"role":"sat-admin","orgId":null,"passwordChanged":true}').rows).toEqual([
      { path: 'role', change: 'changed', before: 'org-admin', after: 'sat-admin' },
      { path: 'orgId', change: 'changed', before: '1', after: 'null' },
      { path: 'passwordChanged', change: 'added', after: 'true' },
    ]);
  });

  it('keeps text that is not JSON as it is, and gives nothing for an entry with neither side', () => {
    expect(auditDiff('not json', '{"a":1}').rows).toEqual([{ path: 'a', change: 'added', after: '1' }]);
    expect(auditDiff(undefined, 'plain').rows).toEqual([{ path: 'value', change: 'added', after: 'plain' }]);
    expect(auditDiff(undefined, undefined)).toEqual({ rows: [], unchanged: 0 });
  });
});
