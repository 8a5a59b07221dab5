import { queryOptions, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';
import { useSession } from './useSession';

export type Me = components['schemas']['Me'];

/** meQuery loads the signed-in user: name, roles and permissions. */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me', { signal })),
  staleTime: 60_000,
});

/** useMe is the signed-in user, loaded once a session exists. */
export function useMe(): UseQueryResult<Me> {
  const { status } = useSession();
  return useQuery({ ...meQuery, enabled: status === 'signed-in' });
}
