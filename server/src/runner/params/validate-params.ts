import { assertNever, type ParameterValues, type TaskParameter } from '@taskomatic/shared';

type Value = string | number | boolean;

/** A parameter value refused before a run; `parameter` is the offending name, null when no single one is at fault. */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
  readonly parameter: string | null;
  /** What is wrong, without the parameter's name. */
  readonly problem: string;

  constructor(parameter: string | null, problem: string) {
    super(parameter === null ? problem : `Parameter ${parameter}: ${problem}`);
    this.parameter = parameter;
    this.problem = problem;
  }
}

// C0 controls (NUL, newline, escape...), DEL and C1 controls: a value never needs them, and they can forge log
// lines or terminal sequences in the output of the command that receives them.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

/**
 * Checks the parameter values of a run against the task's declarations and returns them typed.
 * Values from the API and the CLI arrive as strings and are converted ("42" for an integer, "true"/"false",
 * "yes"/"no", "1"/"0" for a boolean). A missing optional value takes its default, or stays absent.
 * A null or undefined value counts as missing. The result is a new frozen object holding only declared names.
 */
export function validateParams(
  declared: ReadonlyArray<TaskParameter>,
  given: Readonly<Record<string, unknown>>,
): ParameterValues {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new ParameterError(null, 'parameters must be given as a struct of names to values');
  }
  const byName = new Map(declared.map((p) => [p.name, p]));
  for (const name of Object.keys(given)) {
    if (!byName.has(name)) {
      const known = declared.length === 0 ? 'this task takes none' : `known: ${declared.map((p) => p.name).join(', ')}`;
      throw new ParameterError(name, `unknown parameter (${known})`);
    }
  }
  const entries: Array<[string, Value]> = [];
  for (const parameter of declared) {
    // Own properties only: an inherited `constructor` or `toString` is not a value someone gave.
    const raw = Object.hasOwn(given, parameter.name) ? given[parameter.name] : undefined;
    if (raw === undefined || raw === null) {
      if (parameter.default !== undefined) entries.push([parameter.name, checkValue(parameter, parameter.default)]);
      else if (parameter.required) throw new ParameterError(parameter.name, 'required but not given');
      continue;
    }
    entries.push([parameter.name, checkValue(parameter, raw)]);
  }
  // fromEntries defines own properties, so a parameter literally named `__proto__` could not touch the prototype.
  return Object.freeze(Object.fromEntries(entries));
}

/** Converts and checks one value against its declaration. */
export function checkValue(parameter: TaskParameter, raw: unknown): Value {
  switch (parameter.type) {
    case 'string':
      return checkString(parameter, raw);
    case 'integer':
      return checkInteger(parameter, raw);
    case 'boolean':
      return checkBoolean(parameter, raw);
    case 'enum':
      return checkEnum(parameter, raw);
    default:
      return assertNever(parameter.type);
  }
}

function checkString(parameter: TaskParameter, raw: unknown): string {
  if (typeof raw !== 'string') throw new ParameterError(parameter.name, `expected a string, got ${describe(raw)}`);
  checkCharacters(parameter, raw);
  const pattern = parameter.pattern === undefined ? null : fullMatch(parameter.pattern);
  if (pattern && !pattern.test(raw)) {
    throw new ParameterError(parameter.name, `${quote(raw)} does not match ${parameter.pattern}`);
  }
  // Option injection: the value usually lands in an argument list, where a leading dash turns data into an
  // option (`--output=/etc/passwd`). Only a pattern that matched such a value says the author meant to allow it.
  if (raw.startsWith('-') && !pattern) {
    throw new ParameterError(
      parameter.name,
      `${quote(raw)} starts with '-' and could be taken for an option (declare a pattern that allows it)`,
    );
  }
  return raw;
}

function checkInteger(parameter: TaskParameter, raw: unknown): number {
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw)) value = Number(raw);
  else throw new ParameterError(parameter.name, `expected an integer, got ${describe(raw)}`);
  if (!Number.isSafeInteger(value)) {
    throw new ParameterError(parameter.name, `expected an integer, got ${describe(raw)}`);
  }
  const { min, max } = parameter;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new ParameterError(parameter.name, `${value} is out of range [${min ?? '-∞'}, ${max ?? '∞'}]`);
  }
  // "-5" on its own is read as an option by most programs: negative values only where the declaration says so.
  if (value < 0 && (min === undefined || min >= 0)) {
    throw new ParameterError(parameter.name, `${value} is negative; declare a negative min to allow it`);
  }
  return value;
}

function checkBoolean(parameter: TaskParameter, raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  const word = typeof raw === 'string' ? raw.trim().toLowerCase() : typeof raw === 'number' ? String(raw) : null;
  const value = word === null || !Object.hasOwn(BOOLEAN_WORDS, word) ? undefined : BOOLEAN_WORDS[word];
  if (value === undefined) {
    throw new ParameterError(parameter.name, `expected true or false (or yes/no, 1/0), got ${describe(raw)}`);
  }
  return value;
}

function checkEnum(parameter: TaskParameter, raw: unknown): string {
  const values = parameter.values ?? [];
  // The allowed values are the author's own words, so they need no option or character guard of their own.
  if (typeof raw !== 'string' || !values.includes(raw)) {
    const shown = typeof raw === 'string' ? quote(raw) : describe(raw);
    throw new ParameterError(parameter.name, `${shown} is not one of ${values.join(', ')}`);
  }
  return raw;
}

function checkCharacters(parameter: TaskParameter, value: string): void {
  if (CONTROL_CHARACTERS.test(value)) {
    throw new ParameterError(parameter.name, `${quote(value)} contains a control character`);
  }
}

/** The declared pattern anchored at both ends: `a|b` must match all of the value, not a piece of it. */
export function fullMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

function quote(value: string): string {
  // JSON escapes shown control characters, so an error message stays on one line.
  const text = JSON.stringify(value).slice(1, -1);
  return `'${text.length > 200 ? `${text.slice(0, 200)}…` : text}'`;
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') return quote(raw);
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'a struct' : typeof raw;
}
