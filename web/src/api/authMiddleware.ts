import type { Middleware } from 'openapi-fetch';
import type { AuthSession } from './session';

/**
 * authMiddleware adds the bearer token to every API request and, when a
 * request comes back 401, refreshes the session once and replays it. If the
 * refresh fails (or the replay is refused too) the session is expired, and
 * the app sends the user to /login.
 */
export function authMiddleware(session: AuthSession, fetchImpl: typeof fetch = (r) => globalThis.fetch(r)): Middleware {
  // Bodies can be read only once, so keep a copy of each request to replay.
  const pending = new Map<string, { replay: Request; token: string | null }>();

  return {
    onRequest({ request, id }) {
      const token = session.token;
      if (token !== null) request.headers.set('Authorization', `Bearer ${token}`);
      pending.set(id, { replay: request.clone(), token });
      return request;
    },

    async onResponse({ response, id }) {
      const sent = pending.get(id);
      pending.delete(id);
      if (response.status !== 401 || sent === undefined) return undefined;

      let refreshed = false;
      try {
        refreshed = await session.refreshAfterUnauthorized(sent.token);
      } catch {
        refreshed = false;
      }
      const token = session.token;
      if (!refreshed || token === null) {
        session.expire();
        return undefined;
      }
      const retry = new Request(sent.replay);
      retry.headers.set('Authorization', `Bearer ${token}`);
      const second = await fetchImpl(retry);
      if (second.status === 401) session.expire();
      return second;
    },

    onError({ id }) {
      pending.delete(id);
      return undefined;
    },
  };
}
