// Issue 6: a clinician reports an IT problem from a phone, an improver
// triages it, and the reporter sees what happened to it.
import type { Browser, Page } from '@playwright/test';
import { demoPassword, expect, expectAccessible, loginAs, snap, test } from './fixtures';

const phone = { width: 390, height: 844 };

// Each test signs in more than one person (argon2id on a shared machine)
// and checks accessibility on several pages: give them room.
test.describe.configure({ timeout: 180_000 });

/** unique makes a title no other run of the tests has used. */
function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** signInAs signs in as a demo reporter who is not one of the five role logins. */
async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
}

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: phone, hasTouch: true, isMobile: true });
  return context.newPage();
}

test('a clinician files a report from a phone in at most eight interactions; an improver triages it; the reporter sees the new status', async ({
  browser,
}) => {
  const title = unique('Ward 12 EPR froze at handover');

  // --- The clinician, on a phone. Signing in is not part of filing.
  const clinician = await phonePage(browser);
  await loginAs(clinician, 'clinician');
  let interactions = 0;
  const interact = async (step: () => Promise<unknown>) => {
    interactions++;
    await step();
  };

  // "Report an IT problem" is in the header of every page, visible even on a
  // phone (not folded under "More"): one interaction away wherever you are.
  const reportLink = clinician.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Report an IT problem' });
  await expect(reportLink).toBeVisible();
  await interact(() => reportLink.click());
  await expect(clinician.getByRole('heading', { level: 1, name: 'Report an IT problem' })).toBeVisible();
  await expectAccessible(clinician);
  await snap(clinician, 'issues-report-form');

  await interact(() => clinician.getByLabel('What happened?').fill(title));
  await interact(() => clinician.getByLabel('Which system?').selectOption({ label: 'EPR' }));
  await interact(() => clinician.getByLabel('Which site?').selectOption({ label: 'Northshire Royal Infirmary' }));
  await interact(() => clinician.getByRole('radio', { name: 'No physical harm' }).check());
  await interact(() => clinician.getByRole('radio', { name: 'No psychological harm' }).check());
  const created = clinician.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/issues' && r.request().method() === 'POST');
  await interact(() => clinician.getByRole('button', { name: 'Send report' }).click());
  expect((await created).status()).toBe(201);
  await expect(clinician.getByRole('heading', { name: 'Report sent' })).toBeVisible();
  await expectAccessible(clinician);
  await snap(clinician, 'issues-report-sent');

  await interact(() => clinician.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'My reports' }).click());
  await expect(clinician.getByRole('heading', { level: 1, name: 'My reports' })).toBeVisible();
  const card = clinician.getByRole('listitem').filter({ has: clinician.getByRole('link', { name: title }) });
  await expect(card).toContainText('New');
  await expect(reportLink).toBeVisible();
  expect(interactions, 'interactions to file a report and find it under My reports').toBeLessThanOrEqual(8);
  await expectAccessible(clinician);
  await snap(clinician, 'issues-my-reports');

  // --- An improver triages it from the queue.
  const improver = await (await browser.newContext()).newPage();
  await loginAs(improver, 'improver');
  await improver.goto('/triage');
  await expect(improver.getByRole('heading', { level: 1, name: 'Triage' })).toBeVisible();
  await expectAccessible(improver);
  await snap(improver, 'issues-triage-queue');
  await improver.getByRole('link', { name: title }).click();
  await expect(improver.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await improver.getByLabel('Note (optional)').fill('Passed to the EPR service owner.');
  await improver.getByRole('button', { name: 'Mark as triaged' }).click();
  await expect(improver.getByRole('main').locator('.nhsuk-summary-list')).toContainText('Triaged');
  await expect(improver.getByRole('main')).toContainText('moved it from New to Triaged');
  await expectAccessible(improver);
  await snap(improver, 'issues-report-triaged');

  // --- The reporter sees the new status, and why, on a phone.
  await clinician.reload();
  await expect(card).toContainText('Triaged');
  await card.getByRole('link', { name: title }).click();
  await expect(clinician.getByRole('main')).toContainText('moved it from New to Triaged');
  await expect(clinician.getByRole('main')).toContainText('Passed to the EPR service owner.');
  await expectAccessible(clinician);
  await snap(clinician, 'issues-report-page');
});

test('patient identifiers are refused on the form before anything is sent', async ({ browser }) => {
  const page = await phonePage(browser);
  await loginAs(page, 'clinician');
  let posted = false;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/issues' && r.method() === 'POST') posted = true;
  });
  await page.goto('/report');
  await page.getByLabel('What happened?').fill('Record for 943 476 5919 would not open');
  await page.getByLabel('Which system?').selectOption({ label: 'Not sure' });
  await page.getByRole('button', { name: 'Send report' }).click();

  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('What happened looks like it contains an NHS number');
  await expect(summary).toContainText('Select the site');
  await expect(summary).toContainText('Select the physical harm to patients');
  await expect(page).toHaveTitle(/^Error: /);
  expect(posted, 'nothing is sent while the form has errors').toBe(false);
  await expectAccessible(page);
  await snap(page, 'issues-report-errors');

  // The summary's link takes the reporter to the field to correct.
  await summary.getByRole('link', { name: /NHS number/ }).click();
  await expect(page.getByLabel('What happened?')).toBeFocused();
});

test('someone hit by the same problem says they are affected too instead of reporting it again', async ({ browser }) => {
  const title = unique('Theatre list blank');
  const first = await phonePage(browser);
  await loginAs(first, 'clinician');
  await first.goto('/report');
  await first.getByLabel('What happened?').fill(title);
  await first.getByLabel('Which system?').selectOption({ label: 'Theatres' });
  await first.getByLabel('Which site?').selectOption({ label: 'Westbrook Community Hospital' });
  await first.getByRole('radio', { name: 'No physical harm' }).check();
  await first.getByRole('radio', { name: 'No psychological harm' }).check();
  await first.getByRole('button', { name: 'Send report' }).click();
  await expect(first.getByRole('heading', { name: 'Report sent' })).toBeVisible();

  const second = await phonePage(browser);
  await signInAs(second, 'grace.mensah@demo.assure.test');
  await second.goto('/report');
  await second.getByLabel('Which system?').selectOption({ label: 'Theatres' });
  await second.getByLabel('Which site?').selectOption({ label: 'Westbrook Community Hospital' });
  await second.getByLabel(/how many minutes/).fill('25');
  const suggestion = second.getByRole('listitem').filter({ hasText: title });
  await expect(suggestion).toBeVisible();
  await expectAccessible(second);
  await snap(second, 'issues-similar');
  await suggestion.getByRole('button', { name: /I am affected too/ }).click();
  await expect(second.getByRole('heading', { name: 'You have been added to this report' })).toBeVisible();

  // The reporter's report now counts both people and both people's time.
  await first.goto('/my-reports');
  const card = first.getByRole('listitem').filter({ has: first.getByRole('link', { name: title }) });
  await card.getByRole('link', { name: title }).click();
  await expect(first.getByRole('main')).toContainText('across 2 people');
  await expect(first.getByRole('main')).toContainText('said they were affected too (25 minutes lost)');
});

test('a problem page shows what its reports add up to', async ({ page }) => {
  await loginAs(page, 'improver');
  await page.goto('/problems');
  await expect(page.getByRole('heading', { level: 1, name: 'Problems' })).toBeVisible();
  await page.getByRole('link', { name: 'Ward 7 Wi-Fi drop-outs (Eastfield)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ward 7 Wi-Fi drop-outs (Eastfield)' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('14 (');
  await expect(page.getByRole('main')).toContainText('Two access points');
  await expectAccessible(page);
  await snap(page, 'issues-problem');
});

test('under My reports the clinician sees the improvement cycles working on their reports, and what they decided', async ({ browser }) => {
  const page = await phonePage(browser);
  await loginAs(page, 'clinician');
  await page.goto('/my-reports');
  await expect(page.getByRole('heading', { level: 1, name: 'My reports' })).toBeVisible();

  // A slow log-in report: the tap-and-go ramp, its last cycle adopted.
  const login = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Log-in takes over twenty seconds' }) });
  await expect(login).toContainText('Worked on in improvement cycle ‘Tap-and-go log-in on every ward (cycle 3)’, now finished.');
  await expect(login).toContainText(/Outcome: change adopted on \d{1,2} \w+ \d{4}: /);
  await expect(login).toContainText(/Outcome: change adapted on \d{1,2} \w+ \d{4}, to be tested again in the next cycle: /);
  await expect(login).toContainText('An earlier improvement cycle worked on it too');

  // A Ward 7 Wi-Fi report: the access points cycle, reached through the problem, still running.
  const wifi = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Could not record observations at the bedside' }) });
  await expect(wifi).toContainText('Being worked on in improvement cycle ‘Extra access points on Eastfield wards’ — stage Study.');
  await expectAccessible(page);
  await snap(page, 'issues-my-reports-cycles');

  // The report page tells the whole story, and leads to the cycle.
  await login.getByRole('link', { name: 'Log-in takes over twenty seconds' }).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Improvement work' })).toBeVisible();
  await expect(main).toContainText('Tap-and-go log-in: ward 7 pilot');
  await expect(main).toContainText('The change tested: Tap-and-go');
  await expect(main).toContainText('What the measures showed: PF-01 shows a sustained shift');
  await expectAccessible(page);
  await snap(page, 'issues-report-cycles');
  await main.getByRole('link', { name: 'Tap-and-go log-in on every ward (cycle 3)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tap-and-go log-in on every ward (cycle 3)' })).toBeVisible();

  // A cycle still running has no outcome yet, and says how it reaches the report.
  await page.goto('/my-reports');
  await wifi.getByRole('link', { name: 'Could not record observations at the bedside' }).click();
  await expect(main).toContainText('— stage Study.');
  await expect(main).toContainText('Linked to the problem this report is grouped under.');
  await expect(main).not.toContainText('Outcome:');
  await expectAccessible(page);
});
