import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { session } from './client';
import { meQuery, type Me } from './useMe';
import type { ProblemError } from './problem';

export interface Credentials {
  email: string;
  password: string;
}

/**
 * useLogin signs in and loads the user before resolving, so the page that
 * follows has their name and permissions at once. Errors are ProblemErrors
 * (401, 422, 429, or status 0 when the server was not reached).
 */
export function useLogin(): UseMutationResult<Me, ProblemError, Credentials> {
  const queryClient = useQueryClient();
  return useMutation<Me, ProblemError, Credentials>({
    mutationFn: async ({ email, password }) => {
      await session.login(email, password);
      // Nothing cached for a previous user may show for this one.
      queryClient.clear();
      return queryClient.fetchQuery(meQuery);
    },
  });
}
