// Every page of the app, on the demo trust, as the role that uses it (issue
// 8): each is opened, waited for until its data are on screen, checked with
// axe and for sideways scrolling at phone width, and saved as full-page
// screenshots at desktop and phone widths (`<role>-<page>-<width>.png` in
// web/e2e-screenshots/). Pages that need an id get a real one from the API.
//
// Journeys that change things are in journeys.spec.ts; this only looks.
import type { Locator, Page } from '@playwright/test';
import { demoIds, type DemoIds } from './demo';
import { apiAs, checkPage, expect, expectLoaded, getJSON, loginAs, roles, test, type Role } from './fixtures';
import { appPaths } from './routes';

interface Visit {
  role: Role;
  /** The page part of the screenshot's name. */
  name: string;
  path: (ids: DemoIds) => string;
  /** The level-1 heading once the page is loaded. */
  heading: string | RegExp;
  /** Something that is only there once the page's data are: proof it is populated. */
  shows?: (page: Page, ids: DemoIds) => Locator;
  /** Makes sure there is something to show (the demo trust has no API token). */
  prepare?: () => Promise<void>;
}

const text = (t: string | RegExp) => (page: Page) => page.getByText(t).first();
const link = (name: string | RegExp) => (page: Page) => page.getByRole('main').getByRole('link', { name }).first();
const row = (t: string | RegExp) => (page: Page) => page.getByRole('main').getByRole('row').filter({ hasText: t }).first();

const monitoringToken = 'Zabbix: EPR and PACS availability';

/** ensureMonitoringToken gives the tokens page a token to list, once per database. */
async function ensureMonitoringToken(): Promise<void> {
  const api = await apiAs('admin');
  try {
    const tokens = await getJSON<{ items: { label: string; status: string }[] }>(api, '/api/v1/tokens?limit=500');
    if (tokens.items.some((t) => t.label === monitoringToken && t.status === 'active')) return;
    const expires = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
    const res = await api.post('/api/v1/tokens', { data: { label: monitoringToken, scopes: ['measurements:write'], expires_at: expires } });
    expect(res.status(), 'creating an API token').toBe(201);
  } finally {
    await api.dispose();
  }
}

/** visits is the tour: every page, as the role that would open it. */
const visits: Visit[] = [
  // Landing pages, one per role.
  ...roles.map(
    (role): Visit => ({
      role,
      name: 'home',
      path: () => '/',
      heading: /^Hello, /,
      shows:
        role === 'board' || role === 'executive'
          ? (page) => page.getByRole('heading', { level: 2, name: 'Compliance with each standard' })
          : (page) => page.getByRole('heading', { level: 2, name: 'What you can do' }),
    }),
  ),

  // Executive: where the organisation stands.
  { role: 'executive', name: 'dashboard', path: () => '/dashboard', heading: 'Dashboard', shows: text('active standards') },
  { role: 'executive', name: 'dashboard-print', path: () => '/dashboard/print', heading: 'IT standards: summary for the board', shows: row('SE-01') },
  { role: 'executive', name: 'suppliers', path: () => '/suppliers', heading: 'Suppliers', shows: link('Meridian Health Systems') },
  { role: 'executive', name: 'supplier', path: (ids) => `/suppliers/${encodeURIComponent(ids.supplier)}`, heading: 'Meridian Health Systems', shows: text(/EPR against each standard/) },
  { role: 'executive', name: 'owners', path: () => '/owners', heading: 'Accountability', shows: link(/Ruth Adeyemi/) },
  { role: 'executive', name: 'owner', path: (ids) => `/owners/${ids.owner}`, heading: /Ruth Adeyemi/, shows: (page) => page.getByRole('heading', { level: 2, name: 'Standards' }) },
  { role: 'executive', name: 'transparency', path: () => '/transparency', heading: 'Transparency report', shows: (page) => page.getByRole('heading', { level: 3, name: 'Compliance with each standard' }) },
  { role: 'executive', name: 'standards', path: () => '/standards', heading: 'Standards', shows: row('SE-01') },
  { role: 'executive', name: 'standard', path: (ids) => `/standards/${ids.standard}`, heading: /Median clinician log-in time/, shows: (page) => page.locator('figure.app-spc').first() },

  // Clinician: report a problem and follow it.
  { role: 'clinician', name: 'report', path: () => '/report', heading: 'Report an IT problem', shows: (page) => page.getByLabel('Which system?') },
  { role: 'clinician', name: 'my-reports', path: () => '/my-reports', heading: 'My reports', shows: link(/./) },
  { role: 'clinician', name: 'report-page', path: (ids) => `/reports/${ids.myReport}`, heading: /./, shows: text(/Status/) },
  { role: 'clinician', name: 'problem', path: (ids) => `/problems/${ids.problem}`, heading: 'Ward 7 Wi-Fi drop-outs (Eastfield)', shows: text('Two access points') },
  { role: 'clinician', name: 'spc-calculator', path: () => '/spc', heading: 'SPC calculator', shows: (page) => page.getByLabel('Your data') },
  { role: 'clinician', name: 'change-password', path: () => '/account/password', heading: 'Change your password', shows: (page) => page.getByLabel('Current password') },

  // Improver: triage, measure, improve.
  { role: 'improver', name: 'triage', path: () => '/triage', heading: 'Triage', shows: link(/./) },
  { role: 'improver', name: 'report-page', path: (ids) => `/reports/${ids.myReport}`, heading: /./, shows: text(/Status/) },
  { role: 'improver', name: 'problems', path: () => '/problems', heading: 'Problems', shows: link('Ward 7 Wi-Fi drop-outs (Eastfield)') },
  { role: 'improver', name: 'problem', path: (ids) => `/problems/${ids.problem}`, heading: 'Ward 7 Wi-Fi drop-outs (Eastfield)', shows: text('Two access points') },
  { role: 'improver', name: 'measurements-upload', path: () => '/measurements/upload', heading: 'Measurements upload', shows: (page) => page.getByRole('heading', { name: 'Record one value' }) },
  { role: 'improver', name: 'cycles', path: () => '/cycles', heading: 'PDSA cycles', shows: text('Extra access points on Eastfield wards') },
  { role: 'improver', name: 'cycle-new', path: () => '/cycles/new', heading: 'Plan a cycle', shows: (page) => page.getByLabel('Change idea') },
  { role: 'improver', name: 'cycle', path: (ids) => `/cycles/${ids.cycle}`, heading: 'Extra access points on Eastfield wards', shows: (page) => page.locator('figure.app-spc').first() },
  { role: 'improver', name: 'actions', path: () => '/actions?view=all', heading: 'All actions', shows: row(/Overdue|Done|To do|In progress/) },
  { role: 'improver', name: 'action-new', path: () => '/actions/new', heading: 'Add an action', shows: (page) => page.getByLabel('Owner') },
  { role: 'improver', name: 'action', path: (ids) => `/actions/${ids.action}`, heading: /./, shows: text(/Due/) },
  { role: 'improver', name: 'standard', path: (ids) => `/standards/${ids.standard}`, heading: /Median clinician log-in time/, shows: (page) => page.locator('figure.app-spc').first() },

  // Board member: reviews and decisions.
  { role: 'board', name: 'reviews', path: () => '/reviews', heading: 'Board reviews', shows: link(/^IT governance board — /) },
  { role: 'board', name: 'review', path: (ids) => `/reviews/${ids.openReview}`, heading: /^IT governance board — /, shows: (page) => page.locator('li.app-agenda__item').first() },
  { role: 'board', name: 'board-pack', path: (ids) => `/reviews/${ids.closedReview}/pack`, heading: /^IT governance board — /, shows: (page) => page.getByRole('table', { name: 'Agenda and decisions' }) },
  { role: 'board', name: 'audit', path: () => '/audit', heading: 'Audit log', shows: (page) => page.locator('.app-audit-event').first() },

  // Admin: people, tokens and the catalogue.
  { role: 'admin', name: 'users', path: () => '/admin/users', heading: 'Users', shows: text('clinician@demo.assure.test') },
  { role: 'admin', name: 'user-new', path: () => '/admin/users/new', heading: 'Add a user', shows: (page) => page.getByLabel('Full name') },
  { role: 'admin', name: 'user', path: (ids) => `/admin/users/${ids.user}`, heading: /Dr Priya Shah/, shows: text('clinician@demo.assure.test') },
  { role: 'admin', name: 'tokens', path: () => '/admin/tokens', heading: 'API tokens', shows: row(monitoringToken), prepare: ensureMonitoringToken },
  { role: 'admin', name: 'token-new', path: () => '/admin/tokens/new', heading: 'Create an API token', shows: (page) => page.getByRole('checkbox', { name: 'Send measurements' }) },
  { role: 'admin', name: 'sites-systems', path: () => '/admin/sites-systems', heading: 'Sites & systems', shows: link(/./) },
  { role: 'admin', name: 'systems', path: () => '/systems', heading: 'IT systems', shows: link('EPR') },
  { role: 'admin', name: 'system-new', path: () => '/systems/new', heading: 'Add a system', shows: (page) => page.getByLabel('Name') },
  { role: 'admin', name: 'system', path: (ids) => `/systems/${ids.system}`, heading: /EPR/, shows: text('Meridian Health Systems') },
  { role: 'admin', name: 'system-edit', path: (ids) => `/systems/${ids.system}/edit`, heading: /./, shows: (page) => page.getByLabel('Name') },
  { role: 'admin', name: 'sites', path: () => '/sites', heading: 'Sites', shows: link('Northshire Royal Infirmary') },
  { role: 'admin', name: 'site-new', path: () => '/sites/new', heading: 'Add a site', shows: (page) => page.getByLabel('Name') },
  { role: 'admin', name: 'site', path: (ids) => `/sites/${ids.site}`, heading: 'Northshire Royal Infirmary', shows: link('EPR') },
  { role: 'admin', name: 'site-edit', path: (ids) => `/sites/${ids.site}/edit`, heading: /./, shows: (page) => page.getByLabel('Name') },
  { role: 'admin', name: 'standard-new', path: () => '/standards/new', heading: 'Add a standard', shows: (page) => page.getByLabel('Threshold', { exact: true }) },
  { role: 'admin', name: 'standard-edit', path: (ids) => `/standards/${ids.standard}/edit`, heading: /^Change PF-01/, shows: (page) => page.getByLabel('Threshold', { exact: true }) },
];

let ids: DemoIds;

test.beforeAll(async () => {
  ids = await demoIds();
});

test.describe('every page at desktop and phone widths', () => {
  // Two widths, axe twice and two full-page screenshots per page.
  test.describe.configure({ timeout: 120_000 });

  test('the list covers every route in routes.tsx', () => {
    const covered = new Set(visits.map((v) => routeOf(v.path(ids))));
    const missing = appPaths.filter((p) => !covered.has(p));
    expect(missing, 'routes with no page in this tour').toEqual([]);
  });

  for (const v of visits) {
    test(`${v.role}: ${v.name}`, async ({ page }) => {
      await v.prepare?.();
      await loginAs(page, v.role);
      await page.goto(v.path(ids));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(v.heading);
      await expectLoaded(page);
      if (v.shows) await expect(v.shows(page, ids)).toBeVisible();
      await checkPage(page, `${v.role}-${v.name}`);
    });
  }

  test('anyone: sign-in page', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Assure' })).toBeVisible();
    await checkPage(page, 'anyone-login');
  });

  test('anyone: set-password page, from a new user’s link', async ({ page }) => {
    const run = Date.now().toString(36);
    const api = await apiAs('admin');
    const res = await api.post('/api/v1/users', {
      data: { email: `tour.${run}@demo.assure.test`, name: `Tour Visitor ${run}`, roles: ['clinician'] },
    });
    expect(res.status(), 'adding a user').toBe(201);
    const { set_password: link } = (await res.json()) as { set_password: { code: string } };
    await api.dispose();
    await page.goto(`/set-password#code=${link.code}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
    await checkPage(page, 'anyone-set-password');
  });

  test('clinician: a page they may not see, and an address that is no page', async ({ page }) => {
    await loginAs(page, 'clinician');
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { level: 1, name: 'You cannot view this page' })).toBeVisible();
    await checkPage(page, 'clinician-forbidden');
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await checkPage(page, 'clinician-not-found');
  });
});

/** routeOf finds the app route whose pattern matches a path. */
function routeOf(path: string): string | undefined {
  const pathname = path.split('?')[0] ?? path;
  return appPaths.find((p) => new RegExp(`^${p.replace(/:[a-z]+/g, '[^/]+')}$`).test(pathname) && !shadowed(p, pathname));
}

/** `/standards/new` matches both `/standards/new` and `/standards/:id`: the literal wins. */
function shadowed(pattern: string, pathname: string): boolean {
  return pattern.includes(':') && appPaths.includes(pathname);
}
