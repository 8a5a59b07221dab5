import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ProblemError } from '../api/problem';
import { useLogout } from '../api/useLogout';
import { useMe } from '../api/useMe';
import { useSession } from '../api/useSession';
import { navFor } from '../lib/navigation';
import { appRoutes } from '../routes';
import LoadingMessage from './LoadingMessage';
import NotificationBell from './NotificationBell';
import PageShell from './PageShell';
import ServiceProblem from './ServiceProblem';

/**
 * AppLayout frames every signed-in page: it waits for the session, sends
 * anyone without one to /login (remembering where they were going), loads
 * the user, and shapes the navigation by their permissions.
 */
export default function AppLayout() {
  const { status, reason } = useSession();
  const me = useMe();
  const logout = useLogout();
  const location = useLocation();

  if (status === 'unknown') {
    return (
      <PageShell>
        <LoadingMessage text="Checking you are signed in…" />
      </PageShell>
    );
  }
  if (status === 'signed-out') {
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/login" replace state={reason === 'signed-out' ? null : { from }} />;
  }
  if (me.isPending) {
    return (
      <PageShell>
        <LoadingMessage />
      </PageShell>
    );
  }
  if (me.isError) {
    return (
      <PageShell onSignOut={() => logout.mutate()} signingOut={logout.isPending}>
        <ServiceProblem
          problem={me.error instanceof ProblemError ? me.error.problem : null}
          onRetry={() => void me.refetch()}
        />
      </PageShell>
    );
  }

  return (
    <PageShell
      userName={me.data.name}
      navigation={navFor(appRoutes, me.data.permissions)}
      notifications={<NotificationBell />}
      onSignOut={() => logout.mutate()}
      signingOut={logout.isPending}
    >
      <Suspense fallback={<LoadingMessage />}>
        <Outlet />
      </Suspense>
    </PageShell>
  );
}
