import { lazy } from 'react';
import { useMe } from '../../api/useMe';
import type { PageProps } from '../../routes';

const HomePage = lazy(() => import('../HomePage'));
const DashboardPage = lazy(() => import('./DashboardPage'));

/**
 * HomeRoute is the home page: the dashboard for executives and board
 * members (it is what they come for), the welcome page for everyone else.
 */
export default function HomeRoute({ title }: PageProps) {
  const { data: me } = useMe();
  if (!me) return null;
  const leads = me.roles.includes('executive') || me.roles.includes('board');
  if (leads && me.permissions.includes('dashboard.read')) return <DashboardPage title={title} greeting />;
  return <HomePage title={title} />;
}
