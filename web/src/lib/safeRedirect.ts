/**
 * safeRedirect returns `target` when it is a path inside this app, else
 * `fallback`, so a crafted link cannot send someone elsewhere after sign-in.
 */
export function safeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string') return fallback;
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  if (target === '/login' || target.startsWith('/login?') || target.startsWith('/login#')) return fallback;
  return target;
}
