// What every end-to-end test shares: the demo users, signing in, the
// accessibility check and screenshots.
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { e2eDir } from './harness';

export const roles = ['clinician', 'improver', 'board', 'executive', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Created by `assure seed --demo`; the role is the local part. */
export const demoPassword = 'assure-demo-2026';
export function demoEmail(role: Role): string {
  return `${role}@demo.assure.test`;
}

/** Me is GET /api/v1/me, as the server reports it. */
export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
}

/**
 * The navigation the brief specifies: each item and the permission it
 * needs (null: any signed-in user). Kept apart from the app's own route
 * table on purpose, so the test checks the app against the specification.
 */
export const navTable: readonly (readonly [label: string, permission: string | null])[] = [
  ['Dashboard', 'dashboard.read'],
  ['Report an IT problem', 'issues.create'],
  ['My reports', 'issues.create'],
  ['Triage', 'issues.triage'],
  ['Standards', 'standards.read'],
  ['Measurements upload', 'measurements.write'],
  ['Cycles', 'cycles.read'],
  ['Actions', 'actions.read'],
  ['Board reviews', 'reviews.read'],
  ['Audit log', 'audit.read'],
  ['Users', 'users.manage'],
  ['API tokens', 'tokens.manage'],
  ['Sites & systems', 'standards.manage'],
  ['SPC calculator', null],
];

export function expectedNav(permissions: readonly string[]): string[] {
  return navTable.filter(([, p]) => p === null || permissions.includes(p)).map(([label]) => label);
}

/** navLabels reads every header navigation link, including those under "More". */
export async function navLabels(page: Page): Promise<string[]> {
  const links = page.locator('nav[aria-label="Menu"] a.nhsuk-header__navigation-link');
  return (await links.allTextContents()).map((t) => t.trim());
}

/**
 * loginAs signs in as a demo user through the sign-in page, waits for the
 * home page, and returns what /api/v1/me said about them.
 */
export async function loginAs(page: Page, role: Role): Promise<Me> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(demoEmail(role));
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  const meResponse = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'GET',
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  const response = await meResponse;
  expect(response.status(), `GET /api/v1/me after signing in as ${role}`).toBe(200);
  const me = (await response.json()) as Me;
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
  return me;
}

/** expectAccessible fails on any serious or critical axe violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} – ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}

const screenshotDir = join(e2eDir, 'screenshots');
const widths = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** snap saves full-page screenshots at desktop and phone widths. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize();
  for (const w of widths) {
    await page.setViewportSize({ width: w.width, height: w.height });
    // let the header refit its navigation to the new width
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(screenshotDir, `${name}-${w.name}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

export const test = base;
export { expect };
