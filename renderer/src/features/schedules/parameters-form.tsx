import type { BunchParameter } from './bunch-parameters';
import { parameterHint, parameterProblem } from './parameter-check';

/**
 * The bunch's parameters as a form built from their declared types: enum as a select, boolean as a select that
 * can also be left to its default, integers with their range, strings with their pattern; each checked as typed.
 */
export function ParametersForm({ parameters, texts, attempted, serverProblem, onChange }: {
  parameters: ReadonlyArray<BunchParameter>;
  texts: Readonly<Record<string, string>>;
  /** A save was tried: empty required fields are flagged too (before that, only values typed wrong). */
  attempted: boolean;
  /** The server's INVALID_PARAMETER message after a save, shown until the form changes. */
  serverProblem?: string;
  onChange: (texts: Readonly<Record<string, string>>) => void;
}) {
  if (parameters.length === 0) return <p className="muted">This bunch takes no parameters.</p>;
  const set = (name: string, text: string) => onChange({ ...texts, [name]: text });
  return (
    <div className="form-grid parameters-form" data-testid="parameters-form">
      {parameters.map((parameter) => {
        const text = texts[parameter.name] ?? '';
        const found = parameterProblem(parameter, text);
        const problem = found === 'required' && !attempted ? undefined : found;
        const hint = parameterHint(parameter);
        const id = `param-${parameter.name}`;
        const fallback = parameter.default !== undefined ? `default: ${String(parameter.default)}` : 'not set';
        return (
          <div key={parameter.name} className="field">
            <label htmlFor={id}>
              {parameter.name}
              {parameter.required && parameter.default === undefined ? ' *' : ''} <span className="muted field__type">{parameter.type}</span>
            </label>
            {parameter.type === 'enum' || parameter.type === 'boolean' ? (
              <select id={id} data-param={parameter.name} value={text} onChange={(event) => set(parameter.name, event.target.value)} aria-invalid={problem !== undefined}>
                <option value="">({fallback})</option>
                {(parameter.type === 'boolean' ? ['true', 'false'] : (parameter.declarations[0]?.values ?? [])).map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                data-param={parameter.name}
                inputMode={parameter.type === 'integer' ? 'numeric' : undefined}
                value={text}
                placeholder={parameter.default !== undefined ? String(parameter.default) : ''}
                onChange={(event) => set(parameter.name, event.target.value)}
                aria-invalid={problem !== undefined}
                className={problem ? 'field--invalid' : ''}
              />
            )}
            {problem ? (
              <span className="field__problem" role="alert" data-testid="param-problem">
                {problem}
              </span>
            ) : (
              <span className="muted field__hint">
                {[parameter.description, hint, parameter.tasks.length > 1 ? `used by ${parameter.tasks.join(', ')}` : ''].filter(Boolean).join(' · ')}
              </span>
            )}
          </div>
        );
      })}
      {serverProblem && (
        <p className="notice notice--error field--wide" role="alert">
          {serverProblem}
        </p>
      )}
    </div>
  );
}
