import createClient from 'openapi-fetch';
import { describe, expect, it, vi } from 'vitest';
import { authMiddleware } from './authMiddleware';
import type { paths } from './schema';
import { AuthSession, type SessionClock, type TokenGrant } from './session';

const idleClock: SessionClock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined };

function grant(token: string): TokenGrant {
  return { access_token: token, token_type: 'Bearer', expires_in: 900 };
}

/** A server whose idea of the valid token the test controls. */
function fakeServer(valid: { token: string }) {
  const seen: { auth: string | null; body: string }[] = [];
  const handler = vi.fn(async (info: RequestInfo | URL, init?: RequestInit) => {
    const input = new Request(info, init);
    const auth = input.headers.get('Authorization');
    seen.push({ auth, body: await input.text() });
    if (auth !== `Bearer ${valid.token}`) {
      return new Response(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401 }), {
        status: 401,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    return Response.json({ id: 'u1', email: 'a@b.test', name: 'A B', roles: [], permissions: [] });
  });
  return { handler, seen };
}

async function setup(refreshTokens: (string | null)[]) {
  const valid = { token: 'old' };
  const server = fakeServer(valid);
  const refresh = vi.fn(async () => {
    const next = refreshTokens.shift() ?? null;
    return next === null ? null : grant(next);
  });
  const session = new AuthSession(
    { login: async () => grant('old'), refresh, logout: async () => undefined },
    idleClock,
  );
  await session.login('a@b.test', 'pw');
  const client = createClient<paths>({ baseUrl: 'http://assure.test', fetch: server.handler });
  client.use(authMiddleware(session, server.handler));
  return { valid, server, refresh, session, client };
}

describe('authMiddleware', () => {
  it('sends the access token as a bearer token', async () => {
    const { client, server } = await setup([]);
    const { data } = await client.GET('/api/v1/me');
    expect(data?.name).toBe('A B');
    expect(server.seen[0]?.auth).toBe('Bearer old');
  });

  it('refreshes once after a 401 and replays the request with the new token', async () => {
    const { client, server, refresh, valid, session } = await setup(['new']);
    valid.token = 'new';
    const { data, response } = await client.GET('/api/v1/me');
    expect(response.status).toBe(200);
    expect(data?.email).toBe('a@b.test');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.seen.map((s) => s.auth)).toEqual(['Bearer old', 'Bearer new']);
    expect(session.getSnapshot().status).toBe('signed-in');
  });

  it('replays the body of a request that was refused', async () => {
    const { client, server, valid } = await setup(['new']);
    valid.token = 'new';
    await client.POST('/api/v1/auth/login', { body: { email: 'x@y.test', password: 'secret' } });
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]?.body).toBe(server.seen[0]?.body);
    expect(JSON.parse(server.seen[1]?.body ?? '{}')).toEqual({ email: 'x@y.test', password: 'secret' });
  });

  it('expires the session when the refresh is refused', async () => {
    const { client, server, session, valid } = await setup([null]);
    valid.token = 'rotated-elsewhere';
    const { response, error } = await client.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ status: 401 });
    expect(server.seen).toHaveLength(1);
    expect(session.getSnapshot()).toEqual({ status: 'signed-out', reason: 'expired' });
  });

  it('expires the session when the replayed request is refused too', async () => {
    const { client, server, session, valid } = await setup(['still-not-valid']);
    valid.token = 'rotated-elsewhere';
    const { response } = await client.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(server.seen).toHaveLength(2);
    expect(session.getSnapshot().status).toBe('signed-out');
  });

  it('makes one refresh for many requests refused at once', async () => {
    const { client, refresh, valid } = await setup(['new', 'newer']);
    valid.token = 'new';
    const results = await Promise.all([client.GET('/api/v1/me'), client.GET('/api/v1/me'), client.GET('/api/v1/me')]);
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('sends no Authorization header when signed out', async () => {
    const { client, server, session } = await setup([null]);
    session.expire();
    await client.GET('/api/v1/me');
    expect(server.seen[0]?.auth).toBeNull();
  });
});
