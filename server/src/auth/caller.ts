/** The two roles of PRODUCT.md's "Who may do what". */
export const ROLES = ['sat-admin', 'org-admin'] as const;
export type UserRole = (typeof ROLES)[number];

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (ROLES as ReadonlyArray<string>).includes(value);
}

/**
 * Who a session belongs to, as the API gate hands it to the handlers: the role decides which methods may be
 * called, and `orgId` (null for a satellite admin) is the scope every query of an org admin is pinned to.
 */
export interface Caller {
  readonly userId: number;
  readonly username: string;
  readonly role: UserRole;
  readonly orgId: number | null;
}
