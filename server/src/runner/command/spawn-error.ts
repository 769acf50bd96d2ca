import { accessSync, constants, statSync, type Stats } from 'node:fs';

/**
 * Says in words why a program could not be started, for the run's record. The system only gives a code
 * (ENOENT may mean a missing program, a missing working directory or a missing `#!` interpreter), so the paths
 * are looked at again to tell which.
 */
export function describeSpawnError(error: unknown, executable: string, cwd?: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (cwd !== undefined && (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES')) {
    const problem = directoryProblem(cwd);
    if (problem) return `working directory ${cwd} ${problem}`;
  }
  const stats = statOrNull(executable);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return stats
        ? `executable ${executable} exists but could not be started: its interpreter (#! line) or loader is missing`
        : `executable ${executable} does not exist`;
    case 'EACCES':
    case 'EPERM':
      if (stats?.isDirectory()) return `executable ${executable} is a directory`;
      return stats ? `executable ${executable} is not executable` : `executable ${executable} is not accessible`;
    case 'ENOEXEC':
      return `executable ${executable} is not a program this system can run (no #! line or wrong format)`;
    case 'E2BIG':
      return `executable ${executable} could not be started: its arguments are too long`;
    case 'ELOOP':
      return `executable ${executable} could not be started: too many levels of symbolic links`;
    default:
      return `executable ${executable} could not be started: ${message}`;
  }
}

function directoryProblem(path: string): string | null {
  const stats = statOrNull(path);
  if (!stats) return 'does not exist';
  if (!stats.isDirectory()) return 'is not a directory';
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return 'is not accessible';
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
