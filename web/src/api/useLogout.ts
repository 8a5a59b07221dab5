import { useMutation, useQueryClient } from '@tanstack/react-query';
import { session } from './client';

/** useLogout ends the session and forgets every cached response. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => session.logout(),
    onSettled: () => {
      queryClient.clear();
    },
  });
}
