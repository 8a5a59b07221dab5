// Issue 7: an improver takes a PDSA cycle from Plan to Adopt and sees the
// outcome standard's chart rebased at the change; a board member runs a
// review — decisions, minutes, close — and opens the board pack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, loginAs, screenshotDir, snap, test } from './fixtures';

// Each test walks many pages and checks accessibility on several.
test.describe.configure({ timeout: 420_000 });

function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** isoDay is the UTC day n days from today, as YYYY-MM-DD. */
function isoDay(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

/** stageIs waits for the cycle page to show the stage tag. */
async function stageIs(page: Page, label: string): Promise<void> {
  await expect(page.locator('main strong.nhsuk-tag').first()).toHaveText(label);
}

test('an improver takes a cycle from Plan to Adopt and sees the rebased chart', async ({ page }) => {
  const title = unique('Backup agent upgrade');
  await loginAs(page, 'improver');

  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Cycles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'PDSA cycles' })).toBeVisible();
  // The demo's cycles sit in their stages' columns.
  await expect(page.getByRole('region', { name: /^Study/ })).toContainText('Extra access points on Eastfield wards');
  await expect(page.getByRole('region', { name: /^Act/ })).toContainText('Automated patch window for critical systems');
  await expectAccessible(page);
  await snap(page, 'cycles-board');

  // Plan.
  await page.getByRole('button', { name: 'Plan a cycle' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Aim').fill('Backup job success (BR-02) up by 0.5 points within a quarter.');
  await page.getByLabel('Change idea').fill('Upgrade every backup agent to the supplier’s new release.');
  await page.getByRole('button', { name: 'Plan the cycle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await stageIs(page, 'Plan');

  // Starting Do too soon names everything missing.
  await page.getByRole('button', { name: 'Start Do' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('needs at least one outcome measure');
  await expect(summary).toContainText('the day the change was introduced');
  await expectAccessible(page);
  await snap(page, 'cycle-plan-missing');

  await page.getByRole('button', { name: 'Add a measure' }).click();
  await page.getByLabel('Standard', { exact: true }).selectOption({ label: 'BR-02 Backup job success rate' });
  await page.getByLabel('Role').selectOption('outcome');
  await page.getByLabel('Predicted direction').selectOption('increase');
  await page.getByLabel(/Predicted size of the change/).fill('0.5');
  await page.getByLabel('Change introduced on (Do start)').fill(isoDay(-140));
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Plan saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Start Do' }).click();
  await stageIs(page, 'Do');
  await expect(page.getByRole('table', { name: /locked since Do started/ })).toBeVisible();

  // Do.
  await page.getByLabel('What happened').fill('Agents upgraded on all 40 servers over two nights.');
  await page.getByLabel('Observations').fill('Two agents needed a reboot; no jobs lost.');
  await page.getByRole('button', { name: 'Save what happened' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Move to Study' }).click();
  await stageIs(page, 'Study');

  // Study: the evidence chart, before and after the change.
  const evidence = page.getByRole('region', { name: /BR-02 Backup job success rate/ });
  await expect(evidence).toContainText('Mean before the change');
  await expect(evidence.locator('figure.app-spc')).toBeVisible();
  await expect(evidence).toContainText('Limits recalculated');
  await page.getByLabel('Summary of the results against the predictions').fill('Success rate steady; no special cause either way.');
  await page.getByRole('button', { name: 'Save the study' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'cycle-study-evidence');
  await page.getByRole('button', { name: 'Move to Act' }).click();
  await stageIs(page, 'Act');

  // Act: adopt.
  await page.getByRole('radio', { name: 'Adopt' }).check();
  await page.getByLabel('Rationale').fill('The new agents are the supported release; keep them.');
  await page.getByRole('button', { name: 'Save the decision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Close the cycle' }).click();
  await stageIs(page, 'Closed');

  // The outcome standard's chart is now rebased at the change.
  const rebased = page.getByRole('region', { name: /BR-02 Backup job success rate: the chart now/ });
  await expect(rebased).toContainText('The limits are recalculated from');
  await expect(rebased).toContainText('Adopted change: Backup agent upgrade');
  await expect(rebased.getByRole('img', { name: 'BR-02 Backup job success rate, whole organisation' })).toBeVisible();
  await expect(page.getByRole('list').filter({ hasText: 'Moved from act to closed: adopt' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'cycle-adopted');
});

test('a board member runs a review, records decisions, closes it and opens the board pack', async ({ page }) => {
  const title = unique('IT governance board');
  await loginAs(page, 'board');

  // Cycles awaiting the board have reached the bell (the scan runs on start).
  const bell = page.getByRole('button', { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName(/[1-9]\d* unread/, { timeout: 30_000 });
  await bell.click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  await expect(panel).toContainText('A cycle awaits the board');
  // On top of the page, not clipped by the header.
  const onTop = await panel.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 100)));
  });
  expect(onTop, 'the notifications panel is on top of the page').toBe(true);
  await expectAccessible(page);
  await snap(page, 'notifications-open');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Board reviews' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Board reviews' })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Meeting date').fill(isoDay(7));
  await page.getByRole('checkbox', { name: 'David Chen' }).check();
  await page.getByRole('button', { name: 'Schedule and build the agenda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The agenda was built from what needs a decision.
  const agenda = page.locator('ol.app-agenda');
  await expect(agenda).toContainText('Awaiting Study sign-off');
  await expect(agenda).toContainText('Awaiting an Act decision');
  await expect(agenda).toContainText('Overdue');
  await expectAccessible(page);

  const decide = async (n: number, decision: string, text: string) => {
    const item = agenda.locator('li.app-agenda__item').nth(n - 1);
    await item.getByRole('radio', { name: decision }).check();
    await item.getByLabel(`What the board decided on item ${n}`).fill(text);
    await item.getByRole('button', { name: `Record the decision on item ${n}` }).click();
    await expect(agenda.locator('li.app-agenda__item').nth(n - 1).locator('.nhsuk-inset-text')).toContainText(decision);
  };
  await decide(1, 'Approved', 'Study signed off: evidence supports the prediction.');
  await decide(2, 'Escalated', 'To the CIO: supplier release freezes.');
  await decide(3, 'Noted', 'Owner to report back next month.');

  await page.getByLabel('Minutes', { exact: true }).fill('Quorate. Three items decided; the rest carried forward.');
  await page.getByRole('button', { name: 'Save the minutes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Minutes saved.' })).toBeAttached();

  await page.getByRole('button', { name: 'Close the review' }).click();
  await page.getByRole('button', { name: 'Yes, close and lock the review' }).click();
  await expect(page.locator('main strong.nhsuk-tag').first()).toHaveText('Closed');
  await expect(page.getByRole('button', { name: /Record the decision/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save the minutes' })).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, 'review-closed');

  // The board pack: on screen, in print, and as CSV.
  await page.getByRole('button', { name: 'Open the board pack' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Agenda and decisions' })).toContainText('Approved');
  await expect(page.locator('.app-pack__item figure.app-spc').first()).toBeVisible();
  await expect(page.locator('.app-pack')).toContainText('Quorate.');
  await expectAccessible(page);
  await snap(page, 'board-pack');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.nhsuk-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print the board pack' })).toBeHidden();
  await page.screenshot({ path: join(screenshotDir, 'board-pack-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the figures (CSV)' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv.split('\n')[0]).toBe('section,item,kind,reference,title,field,period,value,mean,lower_limit,upper_limit,special_cause,point_type,text');
  expect(csv).toContain('decision,1,');
  expect(csv).toContain(',escalated,');
  expect(csv).toMatch(/\nfigure,\d+,standard,[A-Z]{2}-\d{2},/);
});
