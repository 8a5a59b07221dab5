// What every end-to-end test shares: the demo users, signing in, the
// accessibility check and screenshots.
import AxeBuilder from '@axe-core/playwright';
import { expect, request, test as base, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { webDir } from './harness';

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
 * followNav clicks a header navigation link, opening "More" first when the
 * link is folded under it (which ones are depends on the window's width).
 */
export async function followNav(page: Page, label: string): Promise<void> {
  const menu = page.getByRole('navigation', { name: 'Menu' });
  const link = menu.getByRole('link', { name: label, exact: true });
  if (!(await link.isVisible())) await menu.getByRole('button', { name: 'Browse More' }).click();
  await link.click();
}

/**
 * loginAs signs in as a demo user through the sign-in page, waits for the
 * page they land on, and returns what /api/v1/me said about them.
 *
 * Everyone lands on `/` greeted by name ("Hello, Priya"): clinicians,
 * improvers and admins on the welcome page, which lists what their roles let
 * them do; executives and board members on the dashboard, with a few lines
 * on what they can do from there. Either way the page has finished loading
 * when this returns.
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
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
  await expectLoaded(page);
  return me;
}

/** unique makes a title no other run of the tests has used. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** expectLoaded waits until no "Loading…" message is left on the page. */
export async function expectLoaded(page: Page): Promise<void> {
  await expect(page.locator('.app-loading')).toHaveCount(0, { timeout: 20_000 });
}

/**
 * apiAs is an API client signed in as a demo user, for looking up the demo
 * data's ids and for the other side of a journey (an improver moving a
 * report the clinician under test is watching). Dispose of it when done.
 */
export async function apiAs(role: Role): Promise<APIRequestContext> {
  const baseURL = process.env.ASSURE_E2E_BASE_URL;
  const anon = await request.newContext({ baseURL });
  const res = await anon.post('/api/v1/auth/login', { data: { email: demoEmail(role), password: demoPassword } });
  expect(res.status(), `API sign-in as ${role}`).toBe(200);
  const { access_token: token } = (await res.json()) as { access_token: string };
  await anon.dispose();
  return request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
}

/** getJSON GETs an API path and fails the test unless it answers 200. */
export async function getJSON<T>(api: APIRequestContext, path: string): Promise<T> {
  const res = await api.get(path);
  expect(res.status(), `GET ${path}`).toBe(200);
  return (await res.json()) as T;
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

/** screenshotDir is where every spec writes its screenshots; CI keeps it. */
export const screenshotDir = join(webDir, 'e2e-screenshots');
export const widths = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** settle lets the page (and the header's navigation) refit after a resize. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** snap saves full-page screenshots at desktop and phone widths. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize();
  for (const w of widths) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await settle(page);
    await page.screenshot({ path: join(screenshotDir, `${name}-${w.name}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/**
 * expectNoSidewaysScroll fails if the page is wider than the window, naming
 * the elements that stick out. Content that scrolls inside its own
 * `overflow-x: auto` box (a wide table in a wrapper) is fine: it does not
 * widen the page.
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return { scrollWidth, width, culprits: [] as string[] };
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
      }
      return false;
    };
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      // Past the page's own width it is clipped somewhere, so not what widens it.
      if (r.right <= width + 0.5 || r.right > scrollWidth + 0.5 || clipped(el)) continue;
      // Name the outermost element that sticks out, not each of its children.
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 0.5) continue;
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      culprits.push(`${el.tagName.toLowerCase()}${cls} (right edge ${Math.round(r.right)} px)`);
      if (culprits.length >= 8) break;
    }
    return { scrollWidth, width, culprits };
  });
  expect(
    found.scrollWidth,
    `${page.url()} is ${found.scrollWidth} px wide in a ${found.width} px window; sticking out: ${found.culprits.join(', ')}`,
  ).toBeLessThanOrEqual(found.width);
}

/**
 * checkPage looks at the page as it is now at desktop and phone widths: at
 * each it runs axe, checks nothing forces sideways scrolling at the phone
 * width, and saves a full-page screenshot as `<name>-<width>.png`.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize();
  for (const w of widths) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await settle(page);
    await expectLoaded(page);
    if (w.name === 'phone') await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.screenshot({ path: join(screenshotDir, `${name}-${w.name}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

export const test = base;
export { expect };
