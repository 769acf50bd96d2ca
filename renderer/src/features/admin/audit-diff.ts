/** One field of an audited change. */
export interface DiffRow {
  /** Dotted path of the field (`params.channel`). */
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly before?: string;
  readonly after?: string;
}

/** What an audit entry changed, field by field. */
export interface AuditDiff {
  readonly rows: ReadonlyArray<DiffRow>;
  /** Fields the entry recorded that kept their value (a full "before" next to a partial "after"). */
  readonly unchanged: number;
}

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json };

/**
 * The difference between an audit entry's before and after (JSON texts as the server stores them). The server
 * records a creation with no before, a deletion with no after, and an update with the whole object before and,
 * for some kinds (settings, schedules), only the changed fields after: a field absent from "after" is unchanged,
 * not removed. Nested objects are compared field by field; arrays as whole values. Text that is not JSON is
 * shown as it is.
 */
export function auditDiff(before: string | undefined, after: string | undefined): AuditDiff {
  const old = before === undefined ? undefined : flatten(parse(before));
  const next = after === undefined ? undefined : flatten(parse(after));
  const rows: DiffRow[] = [];
  let unchanged = 0;
  if (old && !next) return { rows: [...old].map(([path, value]) => ({ path, change: 'removed', before: value })), unchanged };
  if (!old && next) return { rows: [...next].map(([path, value]) => ({ path, change: 'added', after: value })), unchanged };
  if (!old || !next) return { rows, unchanged };
  for (const [path, value] of next) {
    const was = old.get(path);
    if (was === undefined) rows.push({ path, change: 'added', after: value });
    else if (was !== value) rows.push({ path, change: 'changed', before: was, after: value });
    else unchanged++;
  }
  for (const path of old.keys()) if (!next.has(path) && !covered(path, next)) unchanged++;
  return { rows, unchanged };
}

/** True when a parent or child of `path` is in `paths` (an object replaced by a scalar, or the reverse, is one change). */
function covered(path: string, paths: ReadonlyMap<string, string>): boolean {
  for (const other of paths.keys()) if (path.startsWith(`${other}.`) || other.startsWith(`${path}.`)) return true;
  return false;
}

function parse(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** Leaves of a JSON value by dotted path, each as display text; a scalar at the top is the path "value". */
function flatten(value: Json): Map<string, string> {
  const leaves = new Map<string, string>();
  const walk = (item: Json, path: string) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const entries = Object.entries(item as { readonly [key: string]: Json });
      if (entries.length === 0 && path) leaves.set(path, '{}');
      for (const [key, child] of entries) walk(child, path ? `${path}.${key}` : key);
    } else {
      leaves.set(path || 'value', display(item));
    }
  };
  walk(value, '');
  return leaves;
}

/** A value as the audit table shows it: strings bare, everything else as JSON. */
export function display(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
