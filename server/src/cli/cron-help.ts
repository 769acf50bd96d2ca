import { MAX_FIRE_COUNT } from './cron-next.js';

/** What `cron next --help` says about `--jsonl`: the input, the output, and how lines and answers match. */
export const JSONL_HELP = `
With --jsonl, each line of stdin is one JSON object
  {"expression": "0 30 2 * * ?", "timezone": "America/New_York", "after": "2027-03-13T00:00:00Z", "count": 3}
("timezone", "after", "count" are optional: --tz, --after, --count give their defaults; "after" may also be
epoch milliseconds; counts above ${MAX_FIRE_COUNT} are capped). Each non-blank line gets one output line, in order:
  {"valid":true,"next":["2027-03-13T07:30:00.000Z", ...]}   or   {"valid":false,"error":"..."}
Blank lines get no output line. A line that is not a JSON object, or lacks "expression", gets
{"valid":false,"error":"line N: ..."} with its line number (counting every line, blank ones too).
The exit code is 0 even when some lines are invalid: their answers say so.`;
