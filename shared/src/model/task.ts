/** Type of a task parameter; values arrive as strings from the API and the CLI and are checked against it. */
export type ParameterType = 'string' | 'integer' | 'boolean' | 'enum';

/** One declared parameter of a task. */
export interface TaskParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly description?: string | undefined;
  readonly required: boolean;
  readonly default?: string | number | boolean | undefined;
  /** Regular expression a string value must match in full. */
  readonly pattern?: string | undefined;
  /** Allowed values of an enum parameter. */
  readonly values?: ReadonlyArray<string> | undefined;
  /** Inclusive range of an integer parameter. */
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

/** Which bunches may use a task: satellite-level ones, org-level ones, or both. */
export type TaskScope = 'satellite' | 'org' | 'any';

/** A task of the server's catalog, as listed to administrators. */
export interface TaskInfo {
  readonly name: string;
  readonly description: string;
  readonly kind: 'builtin' | 'command';
  readonly parallelizable: boolean;
  /** At most this many runs at once (default: unlimited when parallelizable, 1 otherwise). */
  readonly maxParallel: number | null;
  readonly timeoutMs: number;
  readonly scope: TaskScope;
  readonly parameters: ReadonlyArray<TaskParameter>;
  /** False when the task cannot run here (e.g. its executable is missing); `unavailableReason` says why. */
  readonly available: boolean;
  readonly unavailableReason: string | null;
}

/** Parameter values after validation, typed by their declaration. */
export type ParameterValues = Readonly<Record<string, string | number | boolean>>;
