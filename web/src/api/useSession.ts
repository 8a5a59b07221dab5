import { useSyncExternalStore } from 'react';
import { session } from './client';
import type { SessionSnapshot } from './session';

/** useSession reports whether someone is signed in, and re-renders on change. */
export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
}
