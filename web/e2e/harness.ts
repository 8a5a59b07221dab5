// Shared by global setup and teardown: where things are, and the state file
// that tells teardown what setup started.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(e2eDir, '..');
export const repoDir = resolve(webDir, '..');
// One directory per Playwright run (setup and teardown run in the runner's
// process), so two runs on one machine never stop each other's server.
export const stateDir = join(e2eDir, '.state', String(process.pid));
export const serverLog = join(stateDir, 'server.log');
const stateFile = join(stateDir, 'state.json');

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable';

/** HarnessState is what teardown needs to undo setup. */
export interface HarnessState {
  serverPid?: number;
  adminUrl?: string;
  database?: string;
  baseURL?: string;
}

export function saveState(state: HarnessState): void {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

export function loadState(): HarnessState {
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8')) as HarnessState;
  } catch {
    return {};
  }
}

export function clearState(): void {
  rmSync(stateFile, { force: true });
}

/** databaseUrl is `serverUrl` pointed at another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** stopProcess sends SIGTERM, waits, then SIGKILL if it is still there. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
