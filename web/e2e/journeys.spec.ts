// Each role's main journey, end to end, on the demo trust (issue 8): what a
// clinician, an improver, a board member, an executive and an admin come to
// Assure to do, each in one test, starting from the page they land on after
// signing in — which must say, in a few lines, what they can do there.
//
// The screenshots along the way are named `journey-<role>-<step>`.
import type { Page } from '@playwright/test';
import {
  apiAs,
  expect,
  expectAccessible,
  followNav,
  getJSON,
  loginAs,
  snap,
  test,
  unique,
  type Role,
} from './fixtures';

// Whole journeys through many pages, with axe along the way, on two shared cores.
test.describe.configure({ timeout: 240_000 });

/** What the landing page says each role can do there. */
const landing: Record<Role, { heading: string; says: RegExp }> = {
  clinician: { heading: 'What you can do', says: /As a clinician: report an IT problem that affected care/ },
  improver: { heading: 'What you can do', says: /As an improver: triage reported problems, record measurements, and run PDSA cycles/ },
  admin: { heading: 'What you can do', says: /As an administrator: manage users, API tokens, sites, systems/ },
  executive: { heading: 'What you can do here', says: /Open Suppliers before a contract review, and Accountability before a one-to-one/ },
  board: { heading: 'What you can do here', says: /Run a meeting from Board reviews: record a decision on each item/ },
};

/** signInAndReadLanding signs in and checks the first page says what this role can do there. */
async function signInAndReadLanding(page: Page, role: Role): Promise<void> {
  await loginAs(page, role);
  const { heading, says } = landing[role];
  await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(says);
  await expectAccessible(page);
  await snap(page, `journey-${role}-landing`);
}

/** UTC Monday of this week, YYYY-MM-DD: the current period of a weekly standard. */
function thisMonday(): string {
  const now = new Date();
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day)).toISOString().slice(0, 10);
}

/** isoDay is the UTC day n days from today, as YYYY-MM-DD. */
function isoDay(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

interface Named {
  id: string;
  name: string;
}

/** fileReport files a report as the demo clinician through the API; it answers the new report's id. */
async function fileReport(title: string): Promise<string> {
  const api = await apiAs('clinician');
  try {
    const [systems, sites] = await Promise.all([
      getJSON<{ items: Named[] }>(api, '/api/v1/systems?limit=500'),
      getJSON<{ items: Named[] }>(api, '/api/v1/sites?limit=500'),
    ]);
    const res = await api.post('/api/v1/issues', {
      data: {
        title,
        system_id: systems.items.find((s) => s.name === 'Pathology LIS')?.id,
        site_id: sites.items.find((s) => s.name === 'Eastfield General Hospital')?.id,
        location: 'Ward 4',
        minutes_lost: 20,
        physical_harm: 'none',
        psychological_harm: 'none',
        care_delayed: true,
      },
    });
    expect(res.status(), 'filing a report').toBe(201);
    return ((await res.json()) as { id: string }).id;
  } finally {
    await api.dispose();
  }
}

test('a clinician reports a problem from a phone and follows it until an improver has triaged it', async ({ page }) => {
  const title = unique('Observations chart blank on ward 9');
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndReadLanding(page, 'clinician');

  // Report it: the landing page's call to action.
  await page.getByRole('main').getByRole('link', { name: 'Report an IT problem' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Report an IT problem' })).toBeVisible();
  await page.getByLabel('What happened?').fill(title);
  await page.getByLabel('Which system?').selectOption({ label: 'EPR' });
  await page.getByLabel('Which site?').selectOption({ label: 'Eastfield General Hospital' });
  await page.getByRole('radio', { name: 'No physical harm' }).check();
  await page.getByRole('radio', { name: 'No psychological harm' }).check();
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByRole('heading', { name: 'Report sent' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'journey-clinician-report-sent');

  // Follow it: My reports, then the report's own page.
  await followNav(page, 'My reports');
  await expect(page.getByRole('heading', { level: 1, name: 'My reports' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  await expect(card).toContainText('New');
  await card.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const reportId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const status = page.getByRole('main').locator('.nhsuk-summary-list__row', { hasText: 'Status' }).first();
  await expect(status).toContainText('New');

  // Meanwhile an improver triages it and says why.
  const improver = await apiAs('improver');
  const moved = await improver.post(`/api/v1/issues/${reportId}/transitions`, {
    data: { to: 'triaged', note: 'Passed to the EPR team: a known fault with the obs chart widget.' },
  });
  expect(moved.status(), 'the improver triages the report').toBe(200);
  await improver.dispose();

  // The clinician sees the new status, who moved it and why.
  await page.reload();
  await expect(status).toContainText('Triaged');
  await expect(page.getByRole('main')).toContainText('moved it from New to Triaged');
  await expect(page.getByRole('main')).toContainText('a known fault with the obs chart widget');
  await expectAccessible(page);
  await snap(page, 'journey-clinician-report-triaged');

  await followNav(page, 'My reports');
  await expect(card).toContainText('Triaged');
});

test('an improver triages a report, records a measurement and runs a PDSA cycle with an action', async ({ page }) => {
  const report = unique('Pathology results slow to appear');
  const cycle = unique('Pathology interface queue monitor');
  const action = unique('Add an alert on the interface queue');
  await fileReport(report);
  await signInAndReadLanding(page, 'improver');

  // Triage: the queue, the report, mark it triaged.
  await followNav(page, 'Triage');
  await expect(page.getByRole('heading', { level: 1, name: 'Triage' })).toBeVisible();
  await page.getByRole('link', { name: report }).click();
  await expect(page.getByRole('heading', { level: 1, name: report })).toBeVisible();
  await page.getByLabel('Note (optional)').fill('Interface engine queue backed up; watching it.');
  await page.getByRole('button', { name: 'Mark as triaged' }).click();
  await expect(page.getByRole('main').locator('.nhsuk-summary-list')).toContainText('Triaged');
  await expect(page.getByRole('main')).toContainText('moved it from New to Triaged');
  await snap(page, 'journey-improver-triaged');

  // Measure: record this week's Wi-Fi drop-outs by hand.
  await followNav(page, 'Measurements upload');
  await expect(page.getByRole('heading', { level: 1, name: 'Measurements upload' })).toBeVisible();
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Record one value' }) });
  await form.getByLabel('Standard').selectOption({ label: 'RL-02 Wi-Fi drop-outs per ward per week' });
  await form.getByLabel('System').selectOption({ label: 'Wi-Fi' });
  await form.getByLabel('Period').fill(thisMonday());
  await form.getByLabel(/^Value/).fill('4');
  await form.getByRole('button', { name: 'Record the value' }).click();
  await expect(form.getByRole('status')).toContainText(/(Recorded|Corrected the value already recorded for) RL-02, Wi-Fi/);
  await expectAccessible(page);
  await snap(page, 'journey-improver-measurement');

  // Improve: plan a cycle, give it a measure, start Do, record what happened, move to Study.
  await followNav(page, 'Cycles');
  await expect(page.getByRole('heading', { level: 1, name: 'PDSA cycles' })).toBeVisible();
  await page.getByRole('button', { name: 'Plan a cycle' }).click();
  await page.getByLabel('Title').fill(cycle);
  await page.getByLabel('Aim').fill('Pathology results in the EPR within 5 minutes of sign-off, every time.');
  await page.getByLabel('Change idea').fill('Alert the on-call engineer when the interface queue passes 50 messages.');
  await page.getByRole('button', { name: 'Plan the cycle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: cycle })).toBeVisible();
  const stage = page.locator('main strong.nhsuk-tag').first();
  await expect(stage).toHaveText('Plan');

  await page.getByRole('button', { name: 'Add a measure' }).click();
  await page.getByLabel('Standard', { exact: true }).selectOption({ label: 'CE-01 Clinician time lost to IT' });
  await page.getByLabel('Role').selectOption('outcome');
  await page.getByLabel('Predicted direction').selectOption('decrease');
  await page.getByLabel(/Predicted size of the change/).fill('1');
  await page.getByLabel('Change introduced on (Do start)').fill(isoDay(-7));
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Plan saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Start Do' }).click();
  await expect(stage).toHaveText('Do');

  await page.getByLabel('What happened').fill('Alert set up on the interface engine and routed to the on-call engineer.');
  await page.getByLabel('Observations').fill('It fired twice in the first week, both real; results reached the EPR in minutes.');
  await page.getByRole('button', { name: 'Save what happened' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Move to Study' }).click();
  await expect(stage).toHaveText('Study');
  await expect(page.getByRole('region', { name: /CE-01 Clinician time lost to IT/ })).toContainText('Mean before the change');
  await expect(page.getByRole('list').filter({ hasText: 'Moved from do to study' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'journey-improver-cycle-study');

  // An action that belongs to the cycle.
  await page.goto('/actions/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Add an action' })).toBeVisible();
  await page.getByLabel('Action', { exact: true }).fill(action);
  await page.getByLabel('Owner').selectOption({ label: 'Sam Okafor' });
  await page.getByLabel('Due on').fill(isoDay(21));
  await page.getByLabel('Cycle (optional)').selectOption({ label: cycle });
  await page.getByRole('button', { name: 'Add the action' }).click();
  await expect(page.getByRole('heading', { level: 1, name: action })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(cycle);
  await expect(page.getByRole('main')).toContainText('Sam Okafor');
  await expectAccessible(page);
  await snap(page, 'journey-improver-action');

  // It is on the improver's own list of actions.
  await followNav(page, 'Actions');
  await expect(page.getByRole('heading', { level: 1, name: 'My actions' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: action })).toContainText(`Cycle: ${cycle}`);
});

test('a board member schedules a review, records a decision on an item and finds it in the board pack', async ({ page }) => {
  const title = unique('Journey board review');
  const decision = 'Approved: the evidence supports the prediction; keep going.';
  await signInAndReadLanding(page, 'board');

  await followNav(page, 'Board reviews');
  await expect(page.getByRole('heading', { level: 1, name: 'Board reviews' })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Meeting date').fill(isoDay(14));
  await page.getByRole('checkbox', { name: 'Helen Marsh' }).check();
  await page.getByRole('button', { name: 'Schedule and build the agenda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  const item = page.locator('li.app-agenda__item').first();
  await expect(item).toBeVisible();
  const itemTitle = (await item.locator('h3').innerText()).replace(/^1\.\s*/, '');
  await item.getByRole('radio', { name: 'Approved' }).check();
  await item.getByLabel('What the board decided on item 1').fill(decision);
  await item.getByRole('button', { name: 'Record the decision on item 1' }).click();
  const recorded = page.locator('li.app-agenda__item').first().locator('.nhsuk-inset-text');
  await expect(recorded).toContainText('Approved');
  await expect(recorded).toContainText(decision);
  await expect(recorded).toContainText('Helen Marsh');
  await expectAccessible(page);
  await snap(page, 'journey-board-decision');

  // It is stored, not just shown: a reload, then the board pack.
  await page.reload();
  await expect(page.locator('li.app-agenda__item').first().locator('.nhsuk-inset-text')).toContainText(decision);
  await page.getByRole('button', { name: 'Open the board pack' }).click();
  const agenda = page.getByRole('table', { name: 'Agenda and decisions' });
  await expect(agenda).toBeVisible();
  const row = agenda.getByRole('row').filter({ hasText: itemTitle });
  await expect(row).toContainText('Approved');
  await expectAccessible(page);
});

test('an executive reads the dashboard, drills to a standard’s SPC chart and opens the supplier and accountability views', async ({ page }) => {
  await signInAndReadLanding(page, 'executive');

  // The landing page is the dashboard: headline, matrix, experience, improvement.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Hello, David/);
  await expect(page.getByText('active standards')).toBeVisible();
  const matrix = page.getByRole('region', { name: /Compliance matrix/ });
  await expect(matrix.getByRole('row')).toHaveCount(14); // header + 13 standards
  await expect(matrix.getByRole('row').filter({ hasText: 'SE-01' })).toContainText('Breached');
  await expect(page.getByRole('heading', { level: 2, name: 'Clinician experience' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Overdue actions by owner' })).toBeVisible();

  // Drill to a standard's chart.
  await matrix.getByRole('link', { name: 'PF-01', exact: true }).click();
  await expect(page).toHaveURL(/\/standards\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Median clinician log-in time');
  const chart = page.getByRole('img', { name: /PF-01 Median clinician log-in time, whole organisation/ });
  await expect(chart).toBeVisible();
  await expect(page.locator('figcaption')).toContainText('Variation:');
  await expect(page.locator('figcaption')).toContainText('Assurance:');
  await expectAccessible(page);
  await snap(page, 'journey-executive-standard');

  // Suppliers: who delivers what.
  await followNav(page, 'Dashboard');
  const views = page.getByRole('navigation', { name: 'Dashboard views and exports' });
  await views.getByRole('link', { name: 'Suppliers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Suppliers' })).toBeVisible();
  await page.getByRole('link', { name: 'Meridian Health Systems' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meridian Health Systems' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'EPR against each standard' })).toContainText('AV-01');

  // Accountability: what one owner has breached or overdue.
  await followNav(page, 'Dashboard');
  await views.getByRole('link', { name: 'Accountability' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accountability' })).toBeVisible();
  await page.getByRole('link', { name: /Ruth Adeyemi/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Ruth Adeyemi/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Actions' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(/overdue/i);
  await expectAccessible(page);
  await snap(page, 'journey-executive-owner');
});

test('an admin adds a user, changes their role, deactivates them, and creates and revokes an API token', async ({ page }) => {
  const run = Date.now().toString(36);
  const name = `Morgan Ellis ${run}`;
  const email = `morgan.ellis.${run}@demo.assure.test`;
  const token = `Nagios Wi-Fi drop-outs ${run}`;
  await signInAndReadLanding(page, 'admin');

  // Add a user.
  await followNav(page, 'Users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await page.getByRole('link', { name: 'Add a user' }).click();
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('checkbox', { name: 'Clinician' }).check();
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'User added' })).toBeVisible();
  await expect(page.getByLabel('Set-password link')).toHaveValue(/\/set-password#code=/);

  // Make them an improver instead of a clinician.
  await page.getByRole('link', { name: `View ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await page.getByRole('checkbox', { name: 'Clinician' }).uncheck();
  await page.getByRole('checkbox', { name: 'Improver' }).check();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await expect(page.locator('.nhsuk-notification-banner')).toContainText('roles are saved');
  const roles = page.locator('.nhsuk-summary-list__row', { hasText: 'Roles' }).first();
  await expect(roles).toContainText('Improver');
  await expect(roles).not.toContainText('Clinician');

  // Deactivate them.
  await page.getByRole('button', { name: 'Deactivate account' }).click();
  await page.getByRole('button', { name: 'Yes, deactivate' }).click();
  await expect(page.locator('.nhsuk-notification-banner')).toContainText('is deactivated and can no longer sign in');
  await expect(page.locator('.nhsuk-summary-list__row', { hasText: 'Status' }).first()).toContainText('Deactivated');
  await expectAccessible(page);
  await snap(page, 'journey-admin-user-deactivated');
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Deactivated');

  // An API token for a monitoring system: shown once, listed, revoked.
  await followNav(page, 'API tokens');
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
  await page.getByRole('link', { name: 'Create an API token' }).click();
  await page.getByLabel('Label', { exact: true }).fill(token);
  await page.getByRole('radio', { name: /In 30 days/ }).check();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API token created' })).toBeVisible();
  const secret = await page.getByLabel(/API token for/).inputValue();
  expect(secret).toMatch(/^assure_pat_/);

  // The monitoring system can send a measurement with it.
  const reading = { standard: 'RL-02', system: 'Wi-Fi', period_start: thisMonday(), value: 3 };
  const sent = await page.request.post('/api/v1/measurements', { data: reading, headers: { Authorization: `Bearer ${secret}` } });
  expect([200, 201], 'a measurement sent with the new token').toContain(sent.status());

  await page.getByRole('link', { name: 'Back to API tokens' }).click();
  const row = page.getByRole('row', { name: new RegExp(token) });
  await expect(row).toContainText('Active');
  await expect(page.locator('body')).not.toContainText(secret);
  await row.getByRole('button', { name: `Revoke ${token}` }).click();
  await page.getByRole('button', { name: 'Yes, revoke token' }).click();
  await expect(page.locator('.nhsuk-notification-banner')).toContainText(`“${token}” is revoked`);
  await expect(page.getByRole('row', { name: new RegExp(token) })).toContainText('Revoked');
  await expectAccessible(page);
  await snap(page, 'journey-admin-token-revoked');

  // Once revoked, the token is refused.
  const refused = await page.request.post('/api/v1/measurements', { data: reading, headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status(), 'a measurement sent with the revoked token').toBe(401);
});
