import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { authMiddleware } from './authMiddleware';
import { ProblemError, toProblem, networkProblem } from './problem';
import { AuthSession, type SessionTransport, type TokenGrant } from './session';

// Auth endpoints go through a client without the auth middleware: a 401
// from /auth/refresh means "no session", not "refresh and retry".
const authClient = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/**
 * withRefreshLock serialises refreshes across browser tabs, which share the
 * refresh cookie: two tabs refreshing at once would present the same refresh
 * token twice, and the server revokes a session whose token is reused.
 */
async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  return locks.request('assure-auth-refresh', fn);
}

async function call<T>(run: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ data?: T; error?: unknown; response: Response }> {
  try {
    return await run();
  } catch {
    throw new ProblemError(networkProblem());
  }
}

export const httpTransport: SessionTransport = {
  async login(email, password) {
    const { data, error, response } = await call(() =>
      authClient.POST('/api/v1/auth/login', { body: { email, password } }),
    );
    if (data === undefined) throw new ProblemError(toProblem(error, response));
    return data;
  },

  refresh() {
    return withRefreshLock(async (): Promise<TokenGrant | null> => {
      const { data, error, response } = await call(() => authClient.POST('/api/v1/auth/refresh'));
      if (data !== undefined) return data;
      if (response.status === 401 || response.status === 403) return null;
      throw new ProblemError(toProblem(error, response));
    });
  },

  async logout(token) {
    // Signing out must always work locally, even if the server is away.
    const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
    await call(() => authClient.POST('/api/v1/auth/logout', { headers })).catch(() => undefined);
  },
};

/** session is the one signed-in session of this page. */
export const session = new AuthSession(httpTransport);

/** api is the typed client for every call other than sign-in itself. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(authMiddleware(session));

/**
 * unwrap turns an openapi-fetch result into data or a thrown ProblemError,
 * which is what TanStack Query expects of a query function.
 */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await result;
  } catch {
    throw new ProblemError(networkProblem());
  }
  if (r.error !== undefined || !r.response.ok) throw new ProblemError(toProblem(r.error, r.response));
  return r.data as T;
}
