import { describe, expect, it, vi } from 'vitest';
import { AuthSession, refreshDelay, type SessionClock, type SessionTransport, type TokenGrant } from './session';

/** fakeClock runs timers only when the test advances time. */
function fakeClock(start = 1_000_000) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: SessionClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => {
      timers.delete(h as number);
    },
  };
  return {
    clock,
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    async advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
      // let promise chains started by timers settle
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}

function grant(token: string, expiresIn = 900): TokenGrant {
  return { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
}

function transport(overrides: Partial<SessionTransport> = {}): SessionTransport {
  return {
    login: vi.fn(async () => grant('from-login')),
    refresh: vi.fn(async () => grant('from-refresh')),
    logout: vi.fn(async () => undefined),
    ...overrides,
  };
}

describe('refreshDelay', () => {
  it('refreshes a 15-minute token a minute before it expires', () => {
    expect(refreshDelay(900, 60_000)).toBe(840_000);
  });
  it('never refreshes a short-lived token sooner than half its life', () => {
    expect(refreshDelay(60, 60_000)).toBe(30_000);
    expect(refreshDelay(0, 60_000)).toBe(0);
  });
});

describe('AuthSession', () => {
  it('starts unknown and becomes signed in when the silent refresh succeeds', async () => {
    const s = new AuthSession(transport(), fakeClock().clock);
    expect(s.getSnapshot().status).toBe('unknown');
    await s.start();
    expect(s.getSnapshot()).toEqual({ status: 'signed-in', reason: 'none' });
    expect(s.token).toBe('from-refresh');
  });

  it('is signed out, with nothing to explain, when there is no refresh cookie', async () => {
    const s = new AuthSession(transport({ refresh: vi.fn(async () => null) }), fakeClock().clock);
    await s.start();
    expect(s.getSnapshot()).toEqual({ status: 'signed-out', reason: 'none' });
    expect(s.token).toBeNull();
  });

  it('is signed out when the server cannot be reached at start', async () => {
    const s = new AuthSession(
      transport({ refresh: vi.fn(async () => Promise.reject(new Error('offline'))) }),
      fakeClock().clock,
    );
    await s.start();
    expect(s.getSnapshot().status).toBe('signed-out');
  });

  it('tries the silent refresh only once however often start is called', async () => {
    const t = transport();
    const s = new AuthSession(t, fakeClock().clock);
    await Promise.all([s.start(), s.start()]);
    await s.start();
    expect(t.refresh).toHaveBeenCalledTimes(1);
  });

  it('keeps the token in memory after login and notifies subscribers', async () => {
    const s = new AuthSession(transport({ refresh: vi.fn(async () => null) }), fakeClock().clock);
    await s.start();
    const listener = vi.fn();
    s.subscribe(listener);
    await s.login('a@b.test', 'pw');
    expect(s.token).toBe('from-login');
    expect(s.getSnapshot().status).toBe('signed-in');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('leaves the session unchanged when login is refused', async () => {
    const refused = new Error('401');
    const s = new AuthSession(
      transport({ refresh: vi.fn(async () => null), login: vi.fn(async () => Promise.reject(refused)) }),
      fakeClock().clock,
    );
    await s.start();
    await expect(s.login('a@b.test', 'wrong')).rejects.toBe(refused);
    expect(s.getSnapshot().status).toBe('signed-out');
    expect(s.token).toBeNull();
  });

  it('refreshes a minute before the token expires, and again after that', async () => {
    const tokens = ['t1', 't2', 't3'];
    const t = transport({ refresh: vi.fn(async () => grant(tokens.shift() ?? 'none')) });
    const time = fakeClock();
    const s = new AuthSession(t, time.clock);
    await s.start();
    expect(s.token).toBe('t1');
    expect(time.pending()).toEqual([840_000]);

    await time.advance(839_999);
    expect(t.refresh).toHaveBeenCalledTimes(1);
    await time.advance(1);
    expect(t.refresh).toHaveBeenCalledTimes(2);
    expect(s.token).toBe('t2');
    await time.advance(840_000);
    expect(s.token).toBe('t3');
  });

  it('shares one request between concurrent refreshes, as the refresh token rotates', async () => {
    let resolve: (g: TokenGrant) => void = () => undefined;
    const t = transport({
      refresh: vi.fn(
        () =>
          new Promise<TokenGrant>((r) => {
            resolve = r;
          }),
      ),
    });
    const s = new AuthSession(t, fakeClock().clock);
    const a = s.refresh();
    const b = s.refresh();
    const c = s.refreshAfterUnauthorized(null);
    resolve(grant('shared'));
    expect(await Promise.all([a, b, c])).toEqual([true, true, true]);
    expect(t.refresh).toHaveBeenCalledTimes(1);
    expect(s.token).toBe('shared');
  });

  it('does not refresh again after a 401 if the token has already been replaced', async () => {
    const t = transport();
    const s = new AuthSession(t, fakeClock().clock);
    await s.start();
    expect(await s.refreshAfterUnauthorized('an-older-token')).toBe(true);
    expect(t.refresh).toHaveBeenCalledTimes(1);
  });

  it('expires the session when a scheduled refresh is refused', async () => {
    const t = transport({ refresh: vi.fn(async () => grant('t1')) });
    const time = fakeClock();
    const s = new AuthSession(t, time.clock);
    await s.start();
    vi.mocked(t.refresh).mockResolvedValueOnce(null);
    await time.advance(840_000);
    expect(s.getSnapshot()).toEqual({ status: 'signed-out', reason: 'expired' });
    expect(s.token).toBeNull();
    expect(time.pending()).toEqual([]);
  });

  it('keeps a still-valid token and retries when a scheduled refresh cannot reach the server', async () => {
    const t = transport({ refresh: vi.fn(async () => grant('t1')) });
    const time = fakeClock();
    const s = new AuthSession(t, time.clock, { retryDelayMs: 30_000 });
    await s.start();
    vi.mocked(t.refresh).mockRejectedValueOnce(new Error('offline'));
    await time.advance(840_000);
    expect(s.token).toBe('t1');
    expect(s.getSnapshot().status).toBe('signed-in');
    expect(time.pending()).toEqual([30_000]);
    vi.mocked(t.refresh).mockResolvedValueOnce(grant('t2'));
    await time.advance(30_000);
    expect(s.token).toBe('t2');
  });

  it('signs out locally even when the server cannot be told', async () => {
    const t = transport({ logout: vi.fn(async () => Promise.reject(new Error('offline'))) });
    const time = fakeClock();
    const s = new AuthSession(t, time.clock);
    await s.start();
    await expect(s.logout()).rejects.toThrow('offline');
    expect(t.logout).toHaveBeenCalledWith('from-refresh');
    expect(s.getSnapshot()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(s.token).toBeNull();
    expect(time.pending()).toEqual([]);
  });

  it('expire marks a live session as expired', async () => {
    const s = new AuthSession(transport(), fakeClock().clock);
    await s.start();
    s.expire();
    expect(s.getSnapshot()).toEqual({ status: 'signed-out', reason: 'expired' });
  });
});
