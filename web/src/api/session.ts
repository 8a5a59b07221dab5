// The signed-in session: the access token, held in memory only, and the
// refresh schedule that keeps it fresh. The refresh token itself never
// reaches script: it is an HttpOnly cookie scoped to /api/v1/auth.

/** TokenGrant is what login and refresh return. */
export interface TokenGrant {
  access_token: string;
  token_type: string;
  /** Lifetime of the access token in seconds. */
  expires_in: number;
}

/**
 * SessionTransport talks to the auth endpoints. login throws a ProblemError
 * on failure; refresh resolves null when the server refuses (401), and
 * throws when the server could not be reached.
 */
export interface SessionTransport {
  login(email: string, password: string): Promise<TokenGrant>;
  refresh(): Promise<TokenGrant | null>;
  /** logout ends the server session; `token` is the access token, if any. */
  logout(token: string | null): Promise<void>;
}

/** Timers, injectable so tests can drive time. */
export interface SessionClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: SessionClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * - `unknown`: the app has just started and the silent refresh is in flight.
 * - `signed-in`: an access token is held.
 * - `signed-out`: no session; `reason` says why, so /login can explain.
 */
export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out';
export type SignOutReason = 'none' | 'signed-out' | 'expired';

export interface SessionSnapshot {
  status: SessionStatus;
  reason: SignOutReason;
}

export interface SessionOptions {
  /** Refresh this long before the access token expires. */
  refreshLeewayMs?: number;
  /** Wait this long before retrying a refresh that failed for want of a network. */
  retryDelayMs?: number;
}

/**
 * refreshDelay is how long to wait before refreshing a token that lives
 * `expiresInSeconds`: `leewayMs` before it expires, but never sooner than
 * half its life, so a short-lived token is not refreshed in a tight loop.
 */
export function refreshDelay(expiresInSeconds: number, leewayMs: number): number {
  const lifeMs = Math.max(0, expiresInSeconds * 1000);
  return Math.max(lifeMs - leewayMs, lifeMs / 2);
}

/** AuthSession owns the in-memory access token and its refresh schedule. */
export class AuthSession {
  private readonly transport: SessionTransport;
  private readonly clock: SessionClock;
  private readonly leewayMs: number;
  private readonly retryDelayMs: number;
  private accessToken: string | null = null;
  private expiresAt = 0;
  private timer: unknown = null;
  private inflight: Promise<boolean> | null = null;
  private snapshot: SessionSnapshot = { status: 'unknown', reason: 'none' };
  private readonly listeners = new Set<() => void>();
  private started: Promise<void> | null = null;

  constructor(transport: SessionTransport, clock: SessionClock = realClock, options: SessionOptions = {}) {
    this.transport = transport;
    this.clock = clock;
    this.leewayMs = options.refreshLeewayMs ?? 60_000;
    this.retryDelayMs = options.retryDelayMs ?? 30_000;
  }

  /** The current access token, or null when signed out. */
  get token(): string | null {
    return this.accessToken;
  }

  /** getSnapshot is stable between changes, for useSyncExternalStore. */
  getSnapshot = (): SessionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /**
   * start restores a session from the refresh cookie, once per page load;
   * later calls return the same promise.
   */
  start(): Promise<void> {
    this.started ??= this.refresh().then(
      () => undefined,
      () => undefined,
    );
    return this.started;
  }

  async login(email: string, password: string): Promise<void> {
    const grant = await this.transport.login(email, password);
    this.accept(grant);
  }

  /**
   * refresh swaps the refresh cookie for a new access token. Concurrent
   * callers share one request: the server rotates the refresh token on every
   * use and treats reuse of an old one as theft, so two parallel refreshes
   * would sign the user out everywhere.
   */
  refresh(): Promise<boolean> {
    this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /**
   * refreshAfterUnauthorized is called when a request made with `usedToken`
   * came back 401. If the token has changed since, another caller has already
   * refreshed and the request can simply be retried.
   */
  async refreshAfterUnauthorized(usedToken: string | null): Promise<boolean> {
    if (this.accessToken !== null && this.accessToken !== usedToken) return true;
    if (this.inflight) return this.inflight;
    return this.refresh();
  }

  /** logout ends the session on the server and forgets the token here. */
  async logout(): Promise<void> {
    try {
      await this.transport.logout(this.accessToken);
    } finally {
      this.clear('signed-out');
    }
  }

  /** expire forgets a session the server no longer honours. */
  expire(): void {
    if (this.snapshot.status === 'signed-out') return;
    this.clear('expired');
  }

  private async doRefresh(): Promise<boolean> {
    let grant: TokenGrant | null;
    try {
      grant = await this.transport.refresh();
    } catch (err) {
      // The server was not reached. A token that is still valid stays in
      // use and we try again shortly; otherwise there is no session.
      if (this.accessToken !== null && this.clock.now() < this.expiresAt) {
        this.schedule(this.retryDelayMs);
        return false;
      }
      this.clear(this.snapshot.status === 'signed-in' ? 'expired' : 'none');
      throw err;
    }
    if (grant === null) {
      this.clear(this.snapshot.status === 'signed-in' ? 'expired' : 'none');
      return false;
    }
    this.accept(grant);
    return true;
  }

  private accept(grant: TokenGrant): void {
    this.accessToken = grant.access_token;
    this.expiresAt = this.clock.now() + grant.expires_in * 1000;
    this.schedule(refreshDelay(grant.expires_in, this.leewayMs));
    this.set({ status: 'signed-in', reason: 'none' });
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      // Failures are handled inside doRefresh (state change or retry).
      this.refresh().catch(() => undefined);
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private clear(reason: SignOutReason): void {
    this.cancelTimer();
    this.accessToken = null;
    this.expiresAt = 0;
    this.set({ status: 'signed-out', reason });
  }

  private set(next: SessionSnapshot): void {
    if (next.status === this.snapshot.status && next.reason === this.snapshot.reason) return;
    this.snapshot = next;
    for (const l of this.listeners) l();
  }
}
