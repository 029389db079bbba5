import { createContext, useContext } from 'react';
import type { MeQuery } from '../gql/graphql';

export type Me = MeQuery['me'];
export type Role = Me['role'];

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in page');
  return me;
}

/** Each role starts where its work is. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'AGENT':
      return '/desk';
    case 'SUPERVISOR':
      return '/floor';
    case 'MANAGER':
    case 'ADMIN':
      return '/manager';
    default:
      return '/floor';
  }
}

export interface NavItem {
  to: string;
  label: 'nav.floor' | 'nav.wallboard' | 'nav.desk' | 'nav.manager' | 'nav.portfolio' | 'nav.approvals';
}

export function navFor(role: Role): NavItem[] {
  const floor: NavItem[] = [
    { to: '/floor', label: 'nav.floor' },
    { to: '/wallboard', label: 'nav.wallboard' },
  ];
  switch (role) {
    case 'AGENT':
      return [{ to: '/desk', label: 'nav.desk' }, { to: '/portfolio', label: 'nav.portfolio' }];
    case 'SUPERVISOR':
      return [...floor, { to: '/approvals', label: 'nav.approvals' }, { to: '/portfolio', label: 'nav.portfolio' }];
    case 'MANAGER':
    case 'ADMIN':
      return [{ to: '/manager', label: 'nav.manager' }, ...floor, { to: '/portfolio', label: 'nav.portfolio' }];
    default:
      return [...floor, { to: '/portfolio', label: 'nav.portfolio' }];
  }
}
