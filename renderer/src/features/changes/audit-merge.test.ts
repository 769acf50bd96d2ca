import type { AuditEntryInfo } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { mergeAudit } from './audit-merge';

const entry = (id: number, at: string): AuditEntryInfo => ({ id, at: new Date(at), actor: 'admin', action: 'schedule.update', targetType: 'schedule' });

describe('mergeAudit', () => {
  it('merges the satellites newest first and cuts at the limit', () => {
    const merged = mergeAudit(
      [
        ['sat-1', [entry(9, '2026-12-01T10:00:00Z'), entry(8, '2026-12-01T08:00:00Z')]],
        ['sat-2', [entry(4, '2026-12-01T09:00:00Z'), entry(3, '2026-12-01T10:00:00Z')]],
      ],
      3,
    );
    expect(merged.map((item) => [item.satelliteId, item.entry.id])).toEqual([
      ['sat-1', 9],
      ['sat-2', 3],
      ['sat-2', 4],
    ]);
  });

  it('is empty when no satellite has entries', () => {
    expect(mergeAudit([['sat-1', []]], 10)).toEqual([]);
  });
});
