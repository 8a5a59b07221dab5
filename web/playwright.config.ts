import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium: Playwright must never download a browser of its own.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Playwright empties its output folder when a run starts, so each run gets its
// own (test-results/<runner's pid>) and two runs in one checkout keep each
// other's traces. The config is also loaded by every worker, a process of its
// own, so the runner puts the folder in the environment the workers inherit.
// --output, or ASSURE_E2E_OUTPUT_DIR set beforehand, choose another folder.
process.env.ASSURE_E2E_OUTPUT_DIR ??= `test-results/${process.pid}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.ASSURE_E2E_OUTPUT_DIR,
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    // Global setup sets this once the server is up; workers read it.
    baseURL: process.env.ASSURE_E2E_BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } }],
});
