// Starts a real Assure for the end-to-end tests: builds the web app and the
// binary, makes a fresh database, migrates and seeds it with the demo trust,
// and runs `assure serve` on a free port until /readyz answers.
//
// Environment:
//   ASSURE_E2E_BASE_URL  test an Assure that is already running; start nothing
//   ASSURE_BIN           use this binary instead of building one
//   TEST_DATABASE_URL    PostgreSQL server to create the test database on
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createDatabase, dropDatabase } from './database';
import {
  clearState,
  databaseUrl,
  defaultDatabaseUrl,
  repoDir,
  saveState,
  serverLog,
  stateDir,
  stopProcess,
  webDir,
  type HarnessState,
} from './harness';

function log(message: string): void {
  console.log(`[e2e] ${message}`);
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The binary embeds web/dist, so it must hold the current app. */
function buildWebIfStale(): void {
  const index = join(webDir, 'dist', 'index.html');
  const inputs = ['src', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) => join(webDir, p));
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > 0 && inputs.every((p) => !existsSync(p) || newestMtime(p) <= built)) {
    log('web/dist is up to date');
    return;
  }
  log('building the web app (vite build)');
  run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: webDir });
}

function buildBinary(): string {
  const bin = join(repoDir, 'bin', 'assure');
  log('building the assure binary (go build ./cmd/assure)');
  run('go', ['build', '-o', bin, './cmd/assure'], { cwd: repoDir });
  return bin;
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? repoDir, env: opts.env ?? process.env, encoding: 'utf8' });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}):\n${out}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitReady(url: string, exited: () => string | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const why = exited();
    if (why) throw new Error(`assure serve exited before it was ready (${why})`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s (last: ${last})`);
}

function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export default async function globalSetup(): Promise<void> {
  if (process.env.ASSURE_E2E_BASE_URL) {
    log(`testing the Assure already running at ${process.env.ASSURE_E2E_BASE_URL}`);
    return;
  }
  clearState();
  const state: HarnessState = {};
  try {
    buildWebIfStale();
    // ASSURE_BIN may be relative to where the tests were started (web/).
    const bin = process.env.ASSURE_BIN ? resolve(process.env.ASSURE_BIN) : buildBinary();

    const adminUrl = process.env.TEST_DATABASE_URL ?? defaultDatabaseUrl;
    const database = `assure_e2e_${randomBytes(6).toString('hex')}`;
    log(`creating database ${database}`);
    await createDatabase(adminUrl, database);
    Object.assign(state, { adminUrl, database });
    saveState(state);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl(adminUrl, database),
      ASSURE_DEV: 'true',
      ASSURE_LOG_FORMAT: 'text',
    };
    log('assure migrate up');
    run(bin, ['migrate', 'up'], { env });
    log('assure seed --demo');
    run(bin, ['seed', '--demo'], { env });

    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    mkdirSync(stateDir, { recursive: true });
    const out = openSync(serverLog, 'w');
    log(`assure serve on ${baseURL} (log: ${serverLog})`);
    const child = spawn(bin, ['serve'], {
      cwd: repoDir,
      env: { ...env, ASSURE_ADDR: `127.0.0.1:${port}` },
      stdio: ['ignore', out, out],
    });
    let exit: string | null = null;
    child.on('exit', (code, signal) => {
      exit = signal ? `signal ${signal}` : `exit ${code}`;
    });
    child.unref();
    state.serverPid = child.pid;
    state.baseURL = baseURL;
    saveState(state);

    try {
      await waitReady(`${baseURL}/readyz`, () => exit, 60_000);
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server log ---\n${tail(serverLog)}`);
    }
    process.env.ASSURE_E2E_BASE_URL = baseURL;
    log('ready');
  } catch (err) {
    // Playwright skips global teardown when setup fails: undo what we did.
    if (state.serverPid) await stopProcess(state.serverPid);
    if (state.adminUrl && state.database) await dropDatabase(state.adminUrl, state.database).catch(() => undefined);
    clearState();
    throw err;
  }
}
