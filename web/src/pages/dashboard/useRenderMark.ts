import { useEffect } from 'react';

/**
 * useRenderMark records a Performance API mark the first time `ready` is
 * true, so the browser tests can read how long a page took to show its data
 * (performance.getEntriesByName(name)).
 */
export function useRenderMark(name: string, ready: boolean): void {
  useEffect(() => {
    if (!ready || typeof performance === 'undefined' || performance.getEntriesByName(name).length > 0) return;
    // After the browser has painted what React committed.
    const id = requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
    return () => cancelAnimationFrame(id);
  }, [name, ready]);
}
