// Hooks for the audit trail (issue 4).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { ProblemError, validationProblem } from './problem';
import type { components } from './schema';

export type AuditEvent = components['schemas']['AuditEvent'];

/** AuditQuery selects events; empty fields do not filter. */
export interface AuditQuery {
  entity_type?: string;
  entity_id?: string;
  /** Who acted: a user's email address, or a user's or API token's id. */
  actor?: string;
  /** At or after this instant (RFC 3339). */
  from?: string;
  /** Before this instant (RFC 3339). */
  to?: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * actorId turns what someone typed into "Changed by" into the id the API
 * filters on: an id is used as it is; an email address is looked up among
 * the users. No such user is a field error on `actor`.
 */
async function actorId(actor: string, signal: AbortSignal): Promise<string> {
  const wanted = actor.trim();
  if (uuidPattern.test(wanted)) return wanted;
  const users = await unwrap(api.GET('/api/v1/users', { params: { query: { q: wanted, limit: 500 } }, signal }));
  const match = users.items.find((u) => u.email.toLowerCase() === wanted.toLowerCase());
  if (!match) {
    throw new ProblemError(
      validationProblem([{ field: 'actor', message: `No user has the email address ${wanted}` }]),
    );
  }
  return match.id;
}

export function auditEventsQuery(q: AuditQuery) {
  return infiniteQueryOptions({
    queryKey: ['audit', q],
    queryFn: async ({ pageParam, signal }) => {
      const actor = q.actor?.trim() ? await actorId(q.actor, signal) : undefined;
      return unwrap(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              entity_type: q.entity_type || undefined,
              entity_id: q.entity_id?.trim() || undefined,
              actor_id: actor,
              from: q.from || undefined,
              to: q.to || undefined,
              limit: 25,
              cursor: pageParam,
            },
          },
          signal,
        }),
      );
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 0,
  });
}

/**
 * useAuditEvents reads the audit trail, newest first, a page at a time.
 * Pass `enabled: false` while the filters are not valid.
 */
export function useAuditEvents(q: AuditQuery, enabled = true) {
  return useInfiniteQuery({ ...auditEventsQuery(q), enabled });
}
