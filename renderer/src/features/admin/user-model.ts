/** The server's rules for users, checked as the admin types (the server checks again and has the last word). */

/** 1 to 64 letters, digits and `. _ @ -` (an e-mail address fits). */
const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
/** The server refuses shorter passwords. */
export const MIN_PASSWORD = 12;

export type UserRole = 'sat-admin' | 'org-admin';

export interface UserDraft {
  readonly username: string;
  readonly password: string;
  readonly role: UserRole;
  /** Chosen org, as the select holds it ('' for none). */
  readonly orgId: string;
}

export type UserDraftErrors = Readonly<Partial<Record<keyof UserDraft, string>>>;

export function usernameProblem(username: string): string | undefined {
  if (username === '') return 'A user needs a name';
  return USERNAME.test(username) ? undefined : "Use 1 to 64 letters, digits, '.', '_', '@' or '-'";
}

export function passwordProblem(password: string): string | undefined {
  return password.length >= MIN_PASSWORD ? undefined : `At least ${MIN_PASSWORD} characters (this one has ${password.length})`;
}

/** A satellite admin belongs to no org; an org admin to exactly one. */
export function orgProblem(role: UserRole, orgId: string): string | undefined {
  return role === 'org-admin' && orgId === '' ? 'An org admin needs an org' : undefined;
}

/** What is wrong with a new user, field by field (empty when it can be sent). */
export function checkNewUser(draft: UserDraft): UserDraftErrors {
  const errors: Partial<Record<keyof UserDraft, string>> = {};
  const username = usernameProblem(draft.username);
  const password = passwordProblem(draft.password);
  const org = orgProblem(draft.role, draft.orgId);
  if (username) errors.username = username;
  if (password) errors.password = password;
  if (org) errors.orgId = org;
  return errors;
}

/** users.create's request from a checked draft. */
export function createRequest(draft: UserDraft): { username: string; password: string; role: UserRole; orgId?: number } {
  return { username: draft.username, password: draft.password, role: draft.role, ...(draft.role === 'org-admin' ? { orgId: Number(draft.orgId) } : {}) };
}
