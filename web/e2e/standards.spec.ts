// Standards, measured performance and SPC (issue 5): the catalogue, a
// standard's chart, uploading measurements and the SPC calculator.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, loginAs, snap, test } from './fixtures';

/** The first day of the month `back` months before this one, in UTC (YYYY-MM-DD). */
function monthStart(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
}

function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text) };
}

async function openStandard(page: Page, code: string): Promise<void> {
  await page.goto('/standards');
  await expect(page.getByRole('heading', { level: 1, name: 'Standards' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: code });
  await row.getByRole('link').click();
  await expect(page.locator('.nhsuk-caption-l')).toContainText(code);
}

test.describe('standards and measured performance', () => {
  // Long journeys on two shared cores.
  test.describe.configure({ timeout: 120_000 });

  test('an improver uploads a CSV with a bad row, fixes it and sees the new point on the chart', async ({ page }) => {
    await loginAs(page, 'improver');
    // BR-01's feed went silent for the last three months: its recent periods are missing.
    const last = monthStart(1);
    const before = monthStart(2);
    const header = 'standard,system,period_start,value,note\n';

    await page.goto('/measurements/upload');
    await expect(page.getByRole('heading', { level: 1, name: 'Measurements upload' })).toBeVisible();
    await expectAccessible(page);

    // Hold the upload briefly so the progress bar can be seen.
    await page.route('**/api/v1/measurements/batch', async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    await page.getByLabel('Choose a CSV file').setInputFiles(
      csvFile('backups.csv', `${header}BR-01,,${last},100,restore test passed\nBR-01,,${before},lots,\n`),
    );
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(page.getByRole('progressbar')).toBeVisible();

    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Row 2, value');
    await expect(page.getByRole('heading', { name: 'Nothing was saved' })).toBeVisible();
    const problems = page.getByRole('table').filter({ hasText: 'Problem' });
    await expect(problems.getByRole('row')).toHaveCount(2); // header and the one bad row
    await expect(problems.getByRole('row').nth(1)).toContainText('2');
    await expect(problems.getByRole('row').nth(1)).toContainText('value');
    await expect(page).toHaveTitle(/^Error: Measurements upload/);
    await expectAccessible(page);
    await snap(page, 'upload-row-error');
    await page.unroute('**/api/v1/measurements/batch');

    // The fixed file: both rows are new, so the first attempt saved nothing.
    await page.getByLabel('Choose a CSV file').setInputFiles(
      csvFile('backups.csv', `${header}BR-01,,${last},100,restore test passed\nBR-01,,${before},100,\n`),
    );
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const result = page.locator('.app-cat-upload-result');
    await expect(result).toContainText('All 2 rows were saved: 2 new values and 0 corrections');
    await expect(page.locator('.nhsuk-error-summary')).toHaveCount(0);
    await expect(page).toHaveTitle(/^Measurements upload/);
    await expectAccessible(page);
    await snap(page, 'upload-done');

    await openStandard(page, 'BR-01');
    const point = page.locator(`circle.app-spc__point[data-period="${last}"]`);
    await expect(point).toHaveCount(1);
    await page.getByText(/Show the values as a table/).click();
    const tableRow = page.locator(`.app-spc__table tr[data-period="${last}"]`);
    await expect(tableRow).toContainText('100%');
    await expect(tableRow).toContainText('Met');
    await expectAccessible(page);
    await snap(page, 'standard-after-upload');
  });

  test('an improver records one value and corrects it', async ({ page }) => {
    await loginAs(page, 'improver');
    await page.goto('/measurements/upload');
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Record one value' }) });
    await form.getByLabel('Standard').selectOption({ label: 'SS-01 Service desk P2 tickets resolved within target' });
    await form.getByLabel('System').selectOption({ label: 'Service desk' });
    await form.getByLabel('Period').fill(monthStart(0));
    await form.getByLabel(/^Value/).fill('91');
    await form.getByRole('button', { name: 'Record the value' }).click();
    await expect(form.getByRole('status')).toContainText('Recorded SS-01, Service desk');

    await form.getByLabel(/^Value/).fill('92');
    await form.getByRole('button', { name: 'Record the value' }).click();
    await expect(form.getByRole('status')).toContainText('Corrected the value already recorded');

    await form.getByLabel('Period').fill('2026-02-30');
    await form.getByRole('button', { name: 'Record the value' }).click();
    await expect(form.locator('.nhsuk-error-summary')).toContainText('Enter the first day of the period');
    await expectAccessible(page);
  });

  test('an executive sees the catalogue with last period’s compliance and a standard’s chart', async ({ page }) => {
    await loginAs(page, 'executive');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Standards', exact: true }).click();
    await expect(page).toHaveURL(/\/standards$/);
    const table = page.locator('table.app-cat-standards-table');
    await expect(table.getByRole('row')).toHaveCount(14); // header and the demo's 13 standards
    await expect(table.getByRole('row').filter({ hasText: 'SE-01' })).toContainText('Breached');
    await expect(table.getByRole('row').filter({ hasText: 'AV-02' })).toContainText('Met');
    await expect(table.getByRole('row').filter({ hasText: 'AV-01' })).toContainText('Availability');
    await expectAccessible(page);
    await snap(page, 'standards-catalogue');

    await page.getByLabel('Last period').selectOption('breached');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/compliance=breached/);
    await expect(table.getByRole('row').filter({ hasText: 'SE-01' })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: 'AV-02' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(table.getByRole('row')).toHaveCount(14);

    await table.getByRole('link', { name: 'Median clinician log-in time' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Median clinician log-in time');
    await expect(page).toHaveTitle(/^PF-01 Median clinician log-in time/);
    const chart = page.getByRole('img', { name: /PF-01 Median clinician log-in time, whole organisation/ });
    await expect(chart).toBeVisible();
    const caption = page.locator('figcaption');
    await expect(caption).toContainText('Variation:');
    await expect(caption).toContainText('Assurance:');
    expect(await page.locator('circle.app-spc__point').count()).toBeGreaterThan(100); // two years of weeks
    await expect(page.getByRole('heading', { name: 'Marks on the chart' })).toBeVisible();
    await expect(page.locator('.app-spc__mark-list')).toContainText('Tap-and-go log-in adopted');
    await expect(page.getByRole('heading', { name: 'Revisions' })).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'standard-pf01');

    // One system's series instead of the organisation's.
    await page.getByLabel('Show the values for').selectOption({ label: 'Single sign-on' });
    await expect(page.getByRole('img', { name: /PF-01 Median clinician log-in time, Single sign-on/ })).toBeVisible();

    // A standard's systems, and a system's standards.
    await page.getByRole('link', { name: 'Clinical workstations' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Clinical workstations');
    await expect(page.getByRole('link', { name: 'Median clinician log-in time' })).toBeVisible();
    await expect(page.locator('dl')).toContainText('Network core');
    await expectAccessible(page);
    await snap(page, 'system-page');
  });

  test('the SPC calculator analyses a pasted series and explains bad input', async ({ page }) => {
    await loginAs(page, 'clinician');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'SPC calculator' }).click();
    await expect(page).toHaveURL(/\/spc$/);
    await expect(page.getByRole('heading', { level: 1, name: 'SPC calculator' })).toBeVisible();

    // Out of order: the server names the period, the page names the line.
    await page.getByLabel('Your data').fill('period,value\n2025-01-01,5\n2024-12-01,6\n');
    await page.getByRole('button', { name: 'Analyse' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toContainText('Line 3: the period must be after the previous period');
    await expect(page).toHaveTitle(/^Error: SPC calculator/);

    // Twenty weeks around 20 minutes, then six much lower: an improvement when lower is better.
    const values = [21, 19, 20, 22, 18, 20, 21, 19, 20, 22, 18, 20, 21, 19, 20, 22, 19, 20, 21, 20, 8, 7, 9, 8, 7, 8];
    const start = Date.UTC(2025, 0, 6);
    const lines = values.map((v, i) => `${new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10)}\t${v}`);
    await page.getByLabel('Your data').fill(`Week\tMinutes\n${lines.join('\n')}`);
    await page.getByLabel('Lower is better').check();
    await page.getByLabel('Target (optional)').fill('15');
    await page.getByRole('button', { name: 'Analyse' }).click();

    await expect(page.getByRole('heading', { name: 'Your chart' })).toBeFocused();
    await expect(page.getByRole('img', { name: 'Your series' })).toBeVisible();
    await expect(page.locator('figcaption')).toContainText('Special cause variation — improvement');
    await expect(page.locator(`circle.app-spc__point[data-point-type="improvement"]`).first()).toBeVisible();
    await expect(page.locator('circle.app-spc__point')).toHaveCount(26);
    await expect(page.locator('.nhsuk-error-summary')).toHaveCount(0);
    await expect(page).toHaveTitle(/^SPC calculator/);
    await expectAccessible(page);
    await snap(page, 'spc-calculator');
  });

  test('an admin adds a site and a system that uses it', async ({ page }) => {
    await loginAs(page, 'admin');
    const suffix = Date.now().toString(36);
    await page.goto('/admin/sites-systems');
    await expect(page.getByRole('heading', { level: 1, name: 'Sites & systems' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Add a site' }).click();
    await page.getByRole('button', { name: 'Add the site' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter the site’s name');
    await page.getByLabel('Name').fill(`Harbourside Clinic ${suffix}`);
    await page.getByRole('button', { name: 'Add the site' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Harbourside Clinic ${suffix}` })).toBeVisible();

    await page.goto('/systems/new');
    await page.getByLabel('Name').fill(`Harbourside kiosks ${suffix}`);
    await page.getByLabel('Supplier (optional)').fill('Northshire IT (in-house)');
    await page.getByLabel('High').check();
    await page.getByLabel(`Harbourside Clinic ${suffix}`).check();
    await page.getByRole('group', { name: 'Systems it depends on' }).getByLabel('Network core').check();
    await expectAccessible(page);
    await snap(page, 'system-form');
    await page.getByRole('button', { name: 'Add the system' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Harbourside kiosks ${suffix}`);
    await expect(page.locator('dl')).toContainText(`Harbourside Clinic ${suffix}`);
    await expect(page.locator('dl')).toContainText('Network core');
  });

  test('an admin raises a standard’s threshold from a date, and the revision is listed', async ({ page }) => {
    await loginAs(page, 'admin');
    await openStandard(page, 'SS-01');
    await page.getByRole('link', { name: /Change this standard/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Change SS-01');
    await expect(page.getByLabel(/applies from/)).toHaveCount(0);
    await page.getByLabel('Threshold', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter the threshold as a number');
    await expect(page).toHaveTitle(/^Error: Change SS-01/);
    await page.getByLabel('Threshold', { exact: true }).fill('92');
    // A new threshold makes a revision, from a date of the admin's choosing.
    await page.getByLabel(/applies from/).fill(monthStart(0));
    await expectAccessible(page);
    await snap(page, 'standard-form');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(/\/standards\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Service desk P2 tickets resolved within target');
    const revisions = page.locator('section', { has: page.getByRole('heading', { name: 'Revisions' }) });
    await expect(revisions.getByRole('row').nth(1)).toContainText('92%');
    await expect(page.locator('dl').first()).toContainText('At least 92%');
  });

  test('a standard’s owner records a recalculation and the chart starts new limits from it', async ({ page }) => {
    await loginAs(page, 'improver'); // Sam Okafor owns AV-02
    await openStandard(page, 'AV-02');
    await expect(page.getByRole('link', { name: /Change the wording of this standard/ })).toBeVisible();
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Record a recalculation' }) });
    await form.getByRole('button', { name: 'Record the recalculation' }).click();
    await expect(form.locator('.nhsuk-error-summary')).toContainText('Choose the period the change took effect from');

    const from = monthStart(6);
    await form.getByLabel('Recalculate the limits from').selectOption(from);
    await form.getByLabel('Why').fill('New PACS storage array installed');
    await form.getByRole('button', { name: 'Record the recalculation' }).click();
    await expect(form.getByRole('status')).toContainText('The limits are now recalculated from');
    await expect(page.locator('.app-spc__mark-list')).toContainText('New PACS storage array installed');
    const history = page.locator('section', { has: page.getByRole('heading', { name: 'Recalculations of the limits' }) });
    await expect(history).toContainText('New PACS storage array installed');
    await expectAccessible(page);
    await snap(page, 'standard-recalculated');
  });
});
