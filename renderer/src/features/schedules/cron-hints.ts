/**
 * Friendly warnings about a cron expression as typed, before or beside the server's verdict: the mistakes people
 * make coming from Unix cron. Each may offer fixes (the corrected expression, one click away).
 */
export interface CronHint {
  readonly id: 'unix-fields' | 'both-days' | 'short-months';
  readonly message: string;
  readonly fixes: ReadonlyArray<{ readonly label: string; readonly cron: string }>;
}

/** Both day fields given: Quartz needs `?` in one (Unix cron would fire on either day; Quartz refuses it). */
function bothDays(fields: ReadonlyArray<string>): CronHint | undefined {
  const [second, minute, hour, dayOfMonth = '', month, dayOfWeek = '', ...year] = fields;
  if (dayOfMonth === '?' || dayOfWeek === '?') return undefined;
  const write = (dom: string, dow: string) => [second, minute, hour, dom, month, dow, ...year].join(' ');
  if (dayOfMonth === '*' && dayOfWeek === '*') {
    return { id: 'both-days', message: "Day-of-month and day-of-week are both '*': Quartz needs '?' in one of them.", fixes: [{ label: 'Every day', cron: write('*', '?') }] };
  }
  return {
    id: 'both-days',
    message: `Day-of-month (${dayOfMonth}) and day-of-week (${dayOfWeek}) are both set. Unix cron fires on either; Quartz evaluates only one, so put '?' in the other.`,
    fixes: [
      ...(dayOfMonth === '*' ? [] : [{ label: `Keep day-of-month ${dayOfMonth}`, cron: write(dayOfMonth, '?') }]),
      ...(dayOfWeek === '*' ? [] : [{ label: `Keep day-of-week ${dayOfWeek}`, cron: write('?', dayOfWeek) }]),
    ],
  };
}

/** Five fields: a Unix cron, which starts with minutes; Quartz starts with seconds. */
function unixFields(fields: ReadonlyArray<string>): CronHint {
  const quartz = ['0', ...fields];
  const fixed = bothDays(quartz)?.fixes[0]?.cron ?? quartz.join(' ');
  return { id: 'unix-fields', message: 'This looks like a Unix cron (5 fields, minutes first). Quartz starts with seconds.', fixes: [{ label: 'Read it as Unix cron', cron: fixed }] };
}

/** Day 29, 30 or 31 of every month skips the months that lack it: say so, and offer the last day. */
function shortMonths(fields: ReadonlyArray<string>): CronHint | undefined {
  const [second, minute, hour, dayOfMonth = '', month, ...rest] = fields;
  if (!/^(29|30|31)$/.test(dayOfMonth) || month !== '*') return undefined;
  return {
    id: 'short-months',
    message: `Day ${dayOfMonth} does not exist in every month: those months are skipped.`,
    fixes: [{ label: 'Last day of each month instead', cron: [second, minute, hour, 'L', month, ...rest].join(' ') }],
  };
}

/** The hints for an expression (none for a blank one). */
export function cronHints(expression: string): ReadonlyArray<CronHint> {
  const fields = expression.trim().toUpperCase().split(/\s+/).filter(Boolean);
  if (fields.length === 5) return [unixFields(fields)];
  if (fields.length !== 6 && fields.length !== 7) return [];
  return [bothDays(fields), shortMonths(fields)].filter((hint): hint is CronHint => hint !== undefined);
}
