// Stops the server that global setup started and drops its database.
import { dropDatabase } from './database';
import { clearState, loadState, stopProcess } from './harness';

export default async function globalTeardown(): Promise<void> {
  const state = loadState();
  if (state.serverPid) await stopProcess(state.serverPid);
  if (state.adminUrl && state.database) {
    try {
      await dropDatabase(state.adminUrl, state.database);
    } catch (err) {
      console.warn(`[e2e] could not drop ${state.database}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  clearState();
}
