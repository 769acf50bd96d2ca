import { adminAuthService, withAdminDatabase } from '../auth/admin-database.js';
import { isUserRole, ROLES } from '../auth/caller.js';
import { passwordProblem } from '../auth/password.js';
import { listUserViews, type UserView } from '../auth/user-queries.js';
import { isValidUsername } from '../auth/user-rules.js';
import { DomainError } from '../services/domain-error.js';
import { CliError, EXIT_INVALID_INPUT } from './cli-error.js';
import { type DataDirOptions, storeOf } from './data-dir.js';
import { withReadDatabase } from './read-database.js';
import { cell, formatTable } from './table.js';
import { isoUtc } from './time-format.js';

/** Options of `user add`, as the program declares them. */
export interface UserAddOptions extends DataDirOptions {
  readonly role?: string;
  readonly org?: string;
  readonly passwordStdin?: boolean;
}

export interface UserListOptions extends DataDirOptions {
  readonly json?: boolean;
}

/** Bytes of stdin read at most: a password has at most 1024 characters. */
const STDIN_LIMIT = 16 * 1024;

/**
 * `taskomatic-server user add NAME --role R [--org ORG] --password-stdin`: adds a user to the data folder
 * (created and migrated when new), also while a server runs on it. Everything the user typed is checked
 * before the folder is touched.
 */
export async function userAddCommand(name: string, options: UserAddOptions): Promise<void> {
  if (!isValidUsername(name)) invalid(`'${name}' is not a valid user name: use 1 to 64 letters, digits, '.', '_', '@' or '-'`);
  const role = options.role;
  if (!isUserRole(role)) invalid(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'org-admin' && options.org === undefined) invalid('an org admin needs --org ORG (the org\'s name or id; see `org list`)');
  if (role === 'sat-admin' && options.org !== undefined) invalid('a satellite admin belongs to no org: leave --org out');
  if (!options.passwordStdin) invalid('give the password on stdin with --password-stdin (e.g. printf \'%s\\n\' "$PASSWORD" | taskomatic-server user add ...)');
  const password = await readPassword();
  const user = await withAdminDatabase(storeOf(options), async (database) => {
    const auth = adminAuthService(database);
    try {
      const org = options.org === undefined ? null : await findOrg(auth, options.org);
      return await auth.createUser({ username: name, password, role, orgId: org?.id ?? null }, 'cli');
    } catch (error) {
      if (error instanceof DomainError) invalid(error.message, error);
      throw error;
    }
  });
  process.stdout.write(`created user ${user.username} (${describeRole(user)})\n`);
}

/** `taskomatic-server user list`: every user, as a table or as JSON (read-only; works beside a running server). */
export async function userListCommand(options: UserListOptions): Promise<void> {
  const users = await withReadDatabase(storeOf(options), (database) => listUserViews(database.db));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(users.map(userJson), null, 2)}\n`);
    return;
  }
  if (users.length === 0) {
    process.stdout.write('No users.\n');
    return;
  }
  const rows = users.map((u) => [String(u.id), cell(u.username), u.role, cell(u.org), u.disabled ? 'disabled' : 'enabled', isoUtc(u.createdAt)]);
  process.stdout.write(formatTable(['ID', 'USERNAME', 'ROLE', 'ORG', 'STATE', 'CREATED (UTC)'], rows));
}

/** A user as `--json` prints it: snake_case like the database, instants as ISO 8601 UTC. */
function userJson(u: UserView) {
  return { id: u.id, username: u.username, role: u.role, org_id: u.orgId, org: u.org, disabled: u.disabled, created_at: isoUtc(u.createdAt) };
}

function describeRole(user: UserView): string {
  return user.role === 'org-admin' ? `org-admin of ${user.org ?? `org ${user.orgId}`}` : user.role;
}

/** The org named `text` (ignoring case), else the org whose id it is. */
async function findOrg(auth: ReturnType<typeof adminAuthService>, text: string) {
  const named = await auth.findOrgByName(text);
  if (named !== null) return named;
  if (/^\d{1,15}$/.test(text)) return auth.getOrg(Number(text));
  throw new DomainError('not-found', `No org named '${text}' (see \`taskomatic-server org list\`; \`org add\` creates one)`);
}

/**
 * The password on stdin, without one trailing newline (what `echo` or `printf '%s\n'` adds). A terminal is
 * refused: what is typed there would be echoed for anyone to read.
 */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) invalid('--password-stdin reads the password from a pipe, not a terminal (e.g. read -rs P; printf \'%s\\n\' "$P" | taskomatic-server user add ...)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > STDIN_LIMIT) invalid(`the password on stdin is too long (more than ${STDIN_LIMIT} bytes)`);
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    invalid('the password on stdin is not valid UTF-8 text');
  }
  text = text.replace(/\r?\n$/, '');
  if (text === '') invalid('the password on stdin is empty');
  const problem = passwordProblem(text);
  if (problem !== null) invalid(problem);
  return text;
}

function invalid(message: string, cause?: unknown): never {
  throw new CliError(message, { exitCode: EXIT_INVALID_INPUT, cause });
}
