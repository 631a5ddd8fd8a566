/**
 * The main navigation, by role. Feature owners: add or adjust your entries here (one line each);
 * `roles` omitted means every signed-in person sees it.
 */
import { hasAnyRole, type Role } from '../lib/roles.js';

export interface NavItem {
  label: string;
  href: string;
  roles?: Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Home', href: '/' },
  { label: 'Dashboard', href: '/dashboard', roles: ['innovator'] },
  { label: 'Learning', href: '/learn', roles: ['innovator'] },
  { label: 'Assignments', href: '/assignments', roles: ['innovator'] },
  { label: 'Journal', href: '/journal', roles: ['innovator'] },
  { label: 'Mentees', href: '/mentoring', roles: ['mentor'] },
  { label: 'Grading', href: '/grading', roles: ['mentor'] },
  { label: 'Gradebook', href: '/gradebook', roles: ['mentor', 'admin'] },
  { label: 'My country', href: '/ambassador', roles: ['ambassador', 'admin'] },
  { label: 'Authoring', href: '/authoring', roles: ['author', 'admin'] },
  { label: 'People', href: '/admin/people', roles: ['admin'] },
  { label: 'Cohorts', href: '/admin/cohorts', roles: ['admin'] },
  { label: 'Invitations', href: '/admin/invitations', roles: ['admin'] },
  { label: 'Outbox', href: '/admin/outbox', roles: ['admin'] },
  { label: 'Jobs', href: '/admin/jobs', roles: ['admin'] },
  { label: 'Profile', href: '/profile' },
];

export interface NavLink extends NavItem {
  current: boolean;
}

/** The entries `user` may see, with the one matching `currentPath` marked. */
export function navFor(user: Express.User | undefined, currentPath: string): NavLink[] {
  if (!user) return [];
  return NAV_ITEMS.filter((item) => !item.roles || hasAnyRole(user.roles, item.roles)).map(
    (item) => ({
      ...item,
      current:
        item.href === '/'
          ? currentPath === '/'
          : currentPath === item.href || currentPath.startsWith(`${item.href}/`),
    }),
  );
}
