import { useMe } from '../api/useMe';
import { canAccess } from '../lib/navigation';
import ForbiddenPage from '../pages/ForbiddenPage';
import type { AppRoute } from '../routes';

interface Props {
  route: AppRoute;
}

/**
 * RoutePage shows a route's page to users whose permissions open it, and
 * explains to anyone else why they cannot see it. The server enforces the
 * same permissions on every API call; this only spares users a broken page.
 */
export default function RoutePage({ route }: Props) {
  const { data: me } = useMe();
  if (!canAccess(route, me?.permissions ?? [])) return <ForbiddenPage title={route.title} />;
  return <route.Page title={route.title} />;
}
