import type { TaskParameterInfo } from '@taskomatic/shared';
import type { BunchParameter } from './bunch-parameters';

// Checked as the user types, with the server's own rules (server/src/runner/params/validate-params.ts), so a form
// that looks valid is one the server accepts. The server checks again on save: it is the source of truth.

// C0 and C1 controls and DEL: a value never needs them, and the server refuses them.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;
const INTEGER = /^\s*[+-]?\d+\s*$/;

/** The declared pattern anchored at both ends, as the server applies it; undefined when it does not compile here. */
function fullMatch(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

function declarationProblem(declaration: TaskParameterInfo, text: string): string | undefined {
  switch (declaration.type) {
    case 'string': {
      if (CONTROL_CHARACTERS.test(text)) return 'must not contain control characters';
      const pattern = declaration.pattern === undefined ? undefined : fullMatch(declaration.pattern);
      if (pattern && !pattern.test(text)) return `must match ${declaration.pattern}`;
      // A leading dash could be read as an option by the command receiving it; only a pattern may allow one.
      if (text.startsWith('-') && !pattern) return "must not start with '-' (it could be taken for an option)";
      return undefined;
    }
    case 'integer': {
      if (!INTEGER.test(text) || !Number.isSafeInteger(Number(text))) return 'must be a whole number';
      const value = Number(text);
      const { min, max } = declaration;
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) return `must be between ${min ?? '−∞'} and ${max ?? '∞'}`;
      if (value < 0 && (min === undefined || min >= 0)) return 'must not be negative';
      return undefined;
    }
    case 'boolean':
      return text === 'true' || text === 'false' ? undefined : 'must be true or false';
    case 'enum':
      return (declaration.values ?? []).includes(text) ? undefined : `must be one of ${(declaration.values ?? []).join(', ')}`;
  }
}

/** What is wrong with a field's text, in words, or undefined. An empty field is fine unless required without a default. */
export function parameterProblem(parameter: BunchParameter, text: string): string | undefined {
  if (text === '') return parameter.required && parameter.default === undefined ? 'required' : undefined;
  for (const declaration of parameter.declarations) {
    const problem = declarationProblem(declaration, text);
    if (problem) return parameter.tasks.length > 1 ? `${problem} (task ${parameter.tasks[parameter.declarations.indexOf(declaration)]})` : problem;
  }
  return undefined;
}

/** Every field's problem, by name; empty when the form can be saved. */
export function parameterProblems(parameters: ReadonlyArray<BunchParameter>, texts: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const problems: Record<string, string> = {};
  for (const parameter of parameters) {
    const problem = parameterProblem(parameter, texts[parameter.name] ?? '');
    if (problem) problems[parameter.name] = problem;
  }
  return problems;
}

/** The range and pattern of a field in words, for its hint ("1–36500", "matches [0-9]{4}-…"). */
export function parameterHint(parameter: BunchParameter): string | undefined {
  const parts: string[] = [];
  for (const declaration of parameter.declarations) {
    if (declaration.min !== undefined || declaration.max !== undefined) parts.push(`${declaration.min ?? '−∞'}–${declaration.max ?? '∞'}`);
    if (declaration.pattern !== undefined) parts.push(`matches ${declaration.pattern}`);
  }
  const unique = [...new Set(parts)];
  return unique.length > 0 ? unique.join('; ') : undefined;
}
