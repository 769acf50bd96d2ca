/**
 * Argument templates of command tasks: the configuration writes the argument list of a command once, with
 * placeholders for the run's parameter values. The result is an argv array handed to the process as it is;
 * there is no shell, so a value is always one argument, whatever spaces, quotes, `$(...)` or `;` it holds.
 *
 * Rules, applied to each element of the template on its own:
 * - `{name}` is replaced by the parameter's value as text (`true`/`false` for a boolean, digits for an integer).
 * - An element referring to a parameter that has no value (an optional one, not given, without default) is
 *   dropped as a whole: `--channel={channel}` disappears when channel is unset, rather than becoming `--channel=`.
 * - `{name?text}` renders `text` when the boolean parameter is true, and drops the element when it is false
 *   or unset: `{dry-run?--dry-run}`. `text` may not contain braces.
 * - `{{` and `}}` are a literal `{` and `}`.
 * - Any other brace is an error, found by `checkTemplate` when the configuration is loaded.
 * Only whole elements are ever dropped; an element is never split into several arguments.
 */
import type { ParameterValues, TaskParameter } from '@taskomatic/shared';

/** A piece of one template element. */
type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly name: string }
  | { readonly kind: 'flag'; readonly name: string; readonly text: string };

// Parameter names as the configuration allows them (e.g. `dry-run`, `no_errata`).
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_-]*)(?:\?([^{}]*))?\}/y;

/** Renders a template into the argument list of one run; `values` are validated parameter values. */
export function renderArgs(template: ReadonlyArray<string>, values: ParameterValues): string[] {
  const args: string[] = [];
  for (const element of template) {
    const rendered = renderElement(parseElement(element), values);
    if (rendered !== null) args.push(rendered);
  }
  return args;
}

/** A template element that renders as `text` exactly, whatever braces it holds (e.g. a script path). */
export function literalArg(text: string): string {
  return text.replace(/[{}]/g, (brace) => brace + brace);
}

/**
 * Checks a template against the declared parameters: every placeholder is well formed, names a declared
 * parameter, and `?` is used on booleans only. Throws an Error naming the element; called at configuration load.
 */
export function checkTemplate(template: ReadonlyArray<string>, declared: ReadonlyArray<TaskParameter>): void {
  const byName = new Map(declared.map((p) => [p.name, p]));
  template.forEach((element, index) => {
    const where = `argument ${index + 1} ${JSON.stringify(element)}`;
    let parts: ReadonlyArray<Part>;
    try {
      parts = parseElement(element);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
    }
    for (const part of parts) {
      if (part.kind === 'text') continue;
      const parameter = byName.get(part.name);
      if (!parameter) throw new Error(`${where}: refers to {${part.name}}, which is not a declared parameter`);
      if (part.kind === 'flag' && parameter.type !== 'boolean') {
        const problem = `{${part.name}?...} needs a boolean parameter, but ${part.name} is ${parameter.type}`;
        throw new Error(`${where}: ${problem}`);
      }
      if (part.kind === 'flag' && part.text === '') {
        throw new Error(`${where}: {${part.name}?} renders nothing; write the argument after the '?'`);
      }
    }
  });
}

/** Splits one element into literal text and placeholders; throws on a stray brace. */
function parseElement(element: string): ReadonlyArray<Part> {
  const parts: Part[] = [];
  let text = '';
  let position = 0;
  while (position < element.length) {
    const char = element[position];
    const next = element[position + 1];
    if ((char === '{' && next === '{') || (char === '}' && next === '}')) {
      text += char;
      position += 2;
    } else if (char === '{') {
      PLACEHOLDER.lastIndex = position;
      const match = PLACEHOLDER.exec(element);
      if (!match?.[1]) throw new Error(`malformed placeholder at position ${position + 1} (write {{ for a literal {)`);
      if (text) parts.push({ kind: 'text', text });
      text = '';
      const name = match[1];
      parts.push(match[2] === undefined ? { kind: 'value', name } : { kind: 'flag', name, text: match[2] });
      position = PLACEHOLDER.lastIndex;
    } else if (char === '}') {
      throw new Error(`unmatched } at position ${position + 1} (write }} for a literal })`);
    } else {
      text += char;
      position += 1;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** Renders one parsed element, or null when it must be dropped. */
function renderElement(parts: ReadonlyArray<Part>, values: ParameterValues): string | null {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = Object.hasOwn(values, part.name) ? values[part.name] : undefined;
    if (part.kind === 'value') {
      if (value === undefined) return null;
      out += String(value);
    } else {
      if (value !== undefined && typeof value !== 'boolean') {
        throw new Error(`{${part.name}?...} needs a boolean value, got ${JSON.stringify(value)}`);
      }
      if (value !== true) return null;
      out += part.text;
    }
  }
  return out;
}
