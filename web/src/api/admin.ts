// Hooks for issue 4: user administration, API tokens and passwords.
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, session, unwrap } from './client';
import type { ProblemError } from './problem';
import type { components } from './schema';

export type User = components['schemas']['User'];
export type Role = components['schemas']['Role'];
export type CreatedUser = components['schemas']['CreatedUser'];
export type SetPasswordLink = components['schemas']['SetPasswordLink'];
export type ApiToken = components['schemas']['ApiToken'];
export type CreatedApiToken = components['schemas']['CreatedApiToken'];
export type Scope = components['schemas']['Scope'];

/** Every role, in the order forms list them. */
export const allRoles: readonly Role[] = ['clinician', 'improver', 'board', 'executive', 'admin'];

/** Every scope an API token may hold. */
export const allScopes: readonly Scope[] = ['measurements:write'];

/** UserFilters narrows the user list; empty fields do not filter. */
export interface UserFilters {
  q?: string;
  role?: Role;
  active?: boolean;
}

const pageSize = 50;

// Everything cached about users shares the 'users' prefix, so one
// invalidation refreshes lists and single users alike.
const userKeys = {
  all: ['users'] as const,
  list: (f: UserFilters) => ['users', 'list', f] as const,
  one: (id: string) => ['users', 'one', id] as const,
};
const tokenKeys = { all: ['api-tokens'] as const };

// Changes here write audit events; a cached audit page would hide them.
function invalidateAfterChange(qc: QueryClient, key: readonly unknown[]): Promise<unknown> {
  return Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['audit'] })]);
}

export function usersQuery(filters: UserFilters) {
  return infiniteQueryOptions({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/users', {
          params: {
            query: {
              q: filters.q || undefined,
              role: filters.role,
              active: filters.active,
              limit: pageSize,
              cursor: pageParam,
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** useUsers lists users in email order, a page at a time. */
export function useUsers(filters: UserFilters) {
  return useInfiniteQuery(usersQuery(filters));
}

export function userQuery(id: string) {
  return queryOptions({
    queryKey: userKeys.one(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } }, signal })),
  });
}

/** useUser loads one user, with the version to send back when changing them. */
export function useUser(id: string) {
  return useQuery(userQuery(id));
}

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  /** An initial password; omit it to get a one-time set-password link. */
  password?: string;
}

/** useCreateUser adds a user; the answer may carry a set-password link, shown once. */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation<CreatedUser, ProblemError, NewUser>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => invalidateAfterChange(qc, userKeys.all),
  });
}

export interface UserChange {
  user: Pick<User, 'id' | 'version'>;
  changes: components['schemas']['UpdateUserRequest'];
}

/**
 * useUpdateUser changes a user's name, roles or active flag, sending the
 * version last seen so that a change made meanwhile by someone else is
 * refused (412) rather than overwritten.
 */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation<User, ProblemError, UserChange>({
    mutationFn: ({ user, changes }) =>
      unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id }, header: { 'If-Match': `"${user.version}"` } },
          body: changes,
        }),
      ),
    onSuccess: (u) => {
      qc.setQueryData(userKeys.one(u.id), u);
      return invalidateAfterChange(qc, userKeys.all);
    },
    onError: (err, { user }) => {
      // Someone else changed the user: show what they have now.
      if (err.problem.status === 412) void qc.invalidateQueries({ queryKey: userKeys.one(user.id) });
    },
  });
}

/** useResetPassword clears a user's password and returns a set-password link, shown once. */
export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation<SetPasswordLink, ProblemError, string>({
    mutationFn: (id) => unwrap(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id } } })),
    onSuccess: () => invalidateAfterChange(qc, userKeys.all),
  });
}

export const apiTokensQuery = infiniteQueryOptions({
  queryKey: tokenKeys.all,
  queryFn: ({ pageParam, signal }) =>
    unwrap(api.GET('/api/v1/tokens', { params: { query: { limit: pageSize, cursor: pageParam } }, signal })),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.next_cursor ?? undefined,
});

/** useApiTokens lists API tokens, newest first, revoked and expired ones too. */
export function useApiTokens() {
  return useInfiniteQuery(apiTokensQuery);
}

export interface NewApiToken {
  label: string;
  scopes: Scope[];
  /** A date (YYYY-MM-DD) or an RFC 3339 date-time. */
  expires_at: string;
}

/** useCreateApiToken makes a token; the secret is in this answer only. */
export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation<CreatedApiToken, ProblemError, NewApiToken>({
    mutationFn: (body) => unwrap(api.POST('/api/v1/tokens', { body })),
    onSuccess: () => invalidateAfterChange(qc, tokenKeys.all),
  });
}

/** useRevokeApiToken stops a token working at once. */
export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation<null, ProblemError, string>({
    mutationFn: async (id) => {
      await unwrap(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } }));
      return null;
    },
    onSuccess: () => invalidateAfterChange(qc, tokenKeys.all),
  });
}

export interface SetPassword {
  code: string;
  password: string;
}

/** useSetPassword sets a password with the code from a set-password link (no sign-in needed). */
export function useSetPassword() {
  return useMutation<null, ProblemError, SetPassword>({
    mutationFn: async (body) => {
      await unwrap(api.POST('/api/v1/auth/set-password', { body }));
      return null;
    },
  });
}

export interface ChangePassword {
  current_password: string;
  new_password: string;
}

/**
 * useChangePassword changes the signed-in user's own password. The server
 * ends every session of theirs and starts a fresh one for this browser (a
 * new refresh cookie); refreshing at once swaps the access token of the
 * ended session for one of the new.
 */
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation<null, ProblemError, ChangePassword>({
    mutationFn: async (body) => {
      await unwrap(api.POST('/api/v1/me/password', { body }));
      await session.refresh();
      return null;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['audit'] }),
  });
}
