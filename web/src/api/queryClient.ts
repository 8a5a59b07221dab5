import { QueryClient } from '@tanstack/react-query';
import { ProblemError } from './problem';

/** shouldRetry retries only failures a second attempt might fix. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (error instanceof ProblemError) {
    const s = error.problem.status;
    return s === 0 || s === 502 || s === 503 || s === 504;
  }
  return false;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
