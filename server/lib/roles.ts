/** The programme's roles. A person may hold several (an ambassador who also mentors). */
export const ROLES = ['innovator', 'mentor', 'ambassador', 'author', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  innovator: 'Innovator',
  mentor: 'Mentor',
  ambassador: 'Ambassador',
  author: 'Author',
  admin: 'Administrator',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasAnyRole(roles: readonly Role[] | undefined, wanted: readonly Role[]): boolean {
  return !!roles && roles.some((r) => wanted.includes(r));
}
