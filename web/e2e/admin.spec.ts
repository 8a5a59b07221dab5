// Issue 4: users, API tokens, set-password links and the audit log, driven
// through the pages as an administrator, the person invited, a board member
// and a clinician would use them.
//
// No test here makes a failing sign-in: the server allows 5 per 15 minutes
// from one address, and every test signs in from 127.0.0.1.
import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, loginAs, snap, test } from './fixtures';

// These are whole journeys, with axe and screenshots along the way.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

// Unique per run, so the spec also works against a server already in use.
const run = Date.now().toString(36);
const person = {
  name: `Jo Bloggs ${run}`,
  email: `jo.bloggs.${run}@demo.assure.test`,
  firstPassword: `kettle orbit violin ${run}`,
  secondPassword: `march harbour lantern ${run}`,
};
const tokenLabel = `Zabbix EPR availability ${run}`;
let personId = '';

/** signIn signs in through the sign-in page with a password known to be right. */
async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

test('an admin adds a user with a set-password link, and they set a password and sign in', async ({ page, browser }) => {
  await loginAs(page, 'admin');
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('admin@demo.assure.test');
  await expectAccessible(page);
  await snap(page, 'admin-users');

  await page.getByRole('link', { name: 'Add a user' }).click();
  await expect(page).toHaveURL(/\/admin\/users\/new$/);
  await expect(page).toHaveTitle('Add a user – Assure');
  await expectAccessible(page);

  // Nothing filled in: each problem is listed and linked to its input.
  await page.getByRole('button', { name: 'Add user' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Enter their full name' })).toHaveAttribute('href', '#name');
  await expect(summary.getByRole('link', { name: 'Select at least one role' })).toHaveAttribute('href', '#roles');
  await summary.getByRole('link', { name: 'Select at least one role' }).click();
  await expect(page.getByRole('checkbox', { name: 'Clinician' })).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);
  await snap(page, 'admin-user-new-errors');

  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByRole('checkbox', { name: 'Clinician' }).check();
  await expect(page.getByRole('radio', { name: /Give me a link to send them/ })).toBeChecked();
  await page.getByRole('button', { name: 'Add user' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'User added' })).toBeVisible();
  await expect(page.getByText('You will not see this again')).toBeVisible();
  const link = await page.getByLabel('Set-password link').inputValue();
  expect(link).toMatch(/\/set-password#code=[A-Za-z0-9_-]{20,}$/);
  await expectAccessible(page);
  await snap(page, 'admin-user-added');

  // The person opens the link in a browser of their own.
  const theirs = await freshPage(browser);
  await theirs.goto(link);
  await expect(theirs.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
  await expectAccessible(theirs);
  await snap(theirs, 'account-set-password');

  await theirs.getByLabel('New password', { exact: true }).fill(person.firstPassword);
  await theirs.getByLabel('Confirm new password').fill(`${person.firstPassword}!`);
  await theirs.getByRole('button', { name: 'Set password' }).click();
  await expect(theirs.locator('.nhsuk-error-summary').getByRole('link', { name: 'The passwords do not match' })).toBeVisible();

  await theirs.getByLabel('Confirm new password').fill(person.firstPassword);
  await theirs.getByRole('button', { name: 'Set password' }).click();
  await expect(theirs.getByRole('heading', { level: 1, name: 'Your password is set' })).toBeVisible();
  await expectAccessible(theirs);
  await snap(theirs, 'account-set-password-done');

  await theirs.getByRole('link', { name: 'Sign in' }).click();
  await expect(theirs).toHaveURL(/\/login$/);
  await theirs.getByLabel('Email address').fill(person.email);
  await theirs.getByLabel('Password', { exact: true }).fill(person.firstPassword);
  await theirs.getByRole('button', { name: 'Sign in' }).click();
  await expect(theirs.getByRole('heading', { level: 1, name: 'Hello, Jo' })).toBeVisible();
  await expect(theirs.getByRole('navigation', { name: 'Account' })).toContainText(person.name);

  // They change their password from the header.
  await theirs.getByRole('link', { name: 'Change password' }).click();
  await expect(theirs.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible();
  await expectAccessible(theirs);
  await theirs.getByLabel('Current password').fill(person.firstPassword);
  await theirs.getByLabel('New password', { exact: true }).fill(person.secondPassword);
  await theirs.getByLabel('Confirm new password').fill(person.secondPassword);
  await theirs.getByRole('button', { name: 'Change password' }).click();
  await expect(theirs.getByRole('heading', { level: 1, name: 'Your password is changed' })).toBeFocused();
  await expectAccessible(theirs);
  await snap(theirs, 'account-change-password');
  // Still signed in, on the fresh session the change started.
  await theirs.reload();
  await expect(theirs.getByRole('navigation', { name: 'Account' })).toContainText(person.name);

  // A used link is refused, in words, without losing the page.
  await theirs.goto(link);
  await theirs.getByLabel('New password', { exact: true }).fill(person.firstPassword);
  await theirs.getByLabel('Confirm new password').fill(person.firstPassword);
  await theirs.getByRole('button', { name: 'Set password' }).click();
  await expect(theirs.locator('.nhsuk-error-summary')).toContainText('This link has expired or has already been used');
  await expectAccessible(theirs);

  await theirs.goto('/set-password');
  await expect(theirs.getByRole('heading', { level: 1, name: 'This link is not complete' })).toBeVisible();
  await theirs.context().close();
});

test('an admin changes a user’s roles and deactivates them, and they can no longer sign in', async ({ page, browser }) => {
  // The person is signed in elsewhere while this happens.
  const theirs = await freshPage(browser);
  await signIn(theirs, person.email, person.secondPassword);
  await expect(theirs.getByRole('navigation', { name: 'Menu' })).not.toContainText('Triage');

  await loginAs(page, 'admin');
  await page.goto('/admin/users');
  await page.getByLabel('Name or email address').fill(person.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\?q=/);
  await expect(page.getByRole('status')).toHaveText('Showing 1 user.');
  await page.getByRole('link', { name: person.name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(person.name);
  personId = new URL(page.url()).pathname.split('/').pop() ?? '';
  expect(personId).toMatch(/^[0-9a-f-]{36}$/);
  await expectAccessible(page);
  await snap(page, 'admin-user');

  await page.getByRole('checkbox', { name: 'Clinician' }).uncheck();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Select at least one role');
  await page.getByRole('checkbox', { name: 'Improver' }).check();
  await page.getByRole('checkbox', { name: 'Board member' }).check();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await expect(page.locator('.nhsuk-notification-banner')).toContainText('roles are saved');
  const roles = page.locator('.nhsuk-summary-list__row', { hasText: 'Roles' }).first();
  await expect(roles).toContainText('Improver');
  await expect(roles).toContainText('Board member');
  await expect(roles).not.toContainText('Clinician');
  await expectAccessible(page);
  await snap(page, 'admin-user-roles-saved');

  // Their next token carries the new roles.
  await theirs.reload();
  await expect(theirs.getByRole('navigation', { name: 'Menu' })).toContainText('Triage');

  await page.getByRole('button', { name: 'Deactivate account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Deactivate ${person.name}?` })).toBeFocused();
  await expectAccessible(page);
  await snap(page, 'admin-user-deactivate');
  await page.getByRole('button', { name: 'No, go back' }).click();
  await expect(page.getByRole('button', { name: 'Deactivate account' })).toBeFocused();
  await page.getByRole('button', { name: 'Deactivate account' }).click();
  await page.getByRole('button', { name: 'Yes, deactivate' }).click();
  await expect(page.locator('.nhsuk-notification-banner')).toContainText('is deactivated and can no longer sign in');
  await expect(page.locator('.nhsuk-summary-list__row', { hasText: 'Status' }).first()).toContainText('Deactivated');
  await expect(page.getByRole('button', { name: 'Reactivate account' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'admin-user-deactivated');

  // Their session ended with the deactivation: the refresh is refused and
  // they are back at sign-in. (Trying their password would be a failed
  // sign-in, which the throttle counts against 127.0.0.1.)
  await theirs.reload();
  await expect(theirs).toHaveURL(/\/login$/);
  await expect(theirs.getByRole('heading', { level: 1, name: 'Sign in to Assure' })).toBeVisible();
  await theirs.context().close();

  await page.goto('/admin/users?status=deactivated');
  await expect(page.getByRole('row', { name: new RegExp(person.name) })).toContainText('Deactivated');
});

test('an admin creates an API token, sees it once, finds it in the list and revokes it', async ({ page }) => {
  await loginAs(page, 'admin');
  await page.goto('/admin/tokens');
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Create an API token' }).click();
  await expect(page.getByRole('checkbox', { name: 'Send measurements' })).toBeChecked();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.locator('.nhsuk-error-summary').getByRole('link')).toHaveText('Enter a label that says what the token is for');
  await page.getByRole('radio', { name: 'On a date I choose' }).check();
  await expect(page.getByLabel('Expiry date')).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'admin-token-new');

  await page.getByRole('radio', { name: /In 30 days/ }).check();
  await page.getByLabel('Label', { exact: true }).fill(tokenLabel);
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API token created' })).toBeVisible();
  await expect(page.getByText('You will not see this again')).toBeVisible();
  const secret = await page.getByLabel(/API token for/).inputValue();
  expect(secret).toMatch(/^assure_pat_/);
  await page.getByRole('button', { name: 'Copy token' }).click();
  await expect(page.locator('.app-copy-status')).toHaveText(/Copied|Selected/);
  await expectAccessible(page);
  await snap(page, 'admin-token-created');

  await page.getByRole('link', { name: 'Back to API tokens' }).click();
  const row = page.getByRole('row', { name: new RegExp(tokenLabel) });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Never');
  await expect(page.locator('body')).not.toContainText(secret);
  await expectAccessible(page);
  await snap(page, 'admin-tokens');

  await row.getByRole('button', { name: `Revoke ${tokenLabel}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Revoke the API token “${tokenLabel}”?` })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'admin-token-revoke');
  await page.getByRole('button', { name: 'Yes, revoke token' }).click();
  await expect(page.locator('.nhsuk-notification-banner')).toContainText(`“${tokenLabel}” is revoked`);
  await expect(page.getByRole('row', { name: new RegExp(tokenLabel) })).toContainText('Revoked');
  await expect(page.getByRole('button', { name: `Revoke ${tokenLabel}` })).toHaveCount(0);
});

test('a board member reads the audit log, filters it and sees what those changes recorded', async ({ page }) => {
  await loginAs(page, 'board');
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const events = page.locator('.app-audit-event');
  await expect(events.first()).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'audit');

  // Everything about the person: added, password set, roles, deactivated.
  await page.getByLabel('What changed').selectOption({ label: 'Users' });
  await page.getByLabel('Its ID (optional)').fill(personId);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/entity_type=user/);
  const headings = events.locator('h3');
  await expect(headings.first()).toHaveText('User deactivated');
  const seen = await headings.allTextContents();
  for (const h of ['User added', 'Password set from a link', 'Signed in', 'Password changed', 'Roles changed', 'User deactivated']) {
    expect(seen).toContain(h);
  }
  const rolesChanged = events.filter({ has: page.getByRole('heading', { name: 'Roles changed' }) });
  const rolesRow = rolesChanged.getByRole('row', { name: /Roles/ });
  await expect(rolesRow.getByRole('cell').nth(0)).toHaveText('Clinician');
  await expect(rolesRow.getByRole('cell').nth(1)).toHaveText('Improver, Board member');
  await expect(rolesChanged).toContainText('admin@demo.assure.test');
  const added = events.filter({ has: page.getByRole('heading', { name: 'User added' }) });
  await expect(added.getByRole('columnheader', { name: 'Recorded' })).toBeVisible();
  await expect(added).toContainText(person.email);
  await expectAccessible(page);
  await snap(page, 'audit-user');

  // API tokens: the token created and revoked.
  await page.getByLabel('What changed').selectOption({ label: 'API tokens' });
  await page.getByLabel('Its ID (optional)').fill('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const tokenEvents = events.filter({ hasText: tokenLabel });
  await expect(tokenEvents).toHaveCount(2);
  await expect(tokenEvents.nth(0).locator('h3')).toHaveText('API token revoked');
  await expect(tokenEvents.nth(1).locator('h3')).toHaveText('API token created');
  await expect(tokenEvents.nth(0).getByRole('row', { name: /Revoked/ })).toContainText('None');

  // The diff of the revocation says what changed.
  await expectAccessible(page);
  await snap(page, 'audit-tokens');

  // Who did it, by email, and a date range that includes today.
  const today = new Date();
  const ymd = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await page.getByLabel('What changed').selectOption({ label: 'Anything' });
  await page.getByLabel('Changed by').fill('admin@demo.assure.test');
  await page.getByLabel('From', { exact: true }).fill(ymd);
  await page.getByLabel('To', { exact: true }).fill(ymd);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(events.first()).toBeVisible();
  for (const by of await events.locator('.nhsuk-summary-list__row', { hasText: 'By' }).allTextContents()) {
    expect(by).toContain('admin@demo.assure.test');
  }

  // A "to" before "from" is caught before anything is asked of the server.
  await page.getByLabel('From', { exact: true }).fill('2026-03-02');
  await page.getByLabel('To', { exact: true }).fill('2026-03-01');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.locator('.nhsuk-error-summary').getByRole('link')).toHaveText(
    'The "to" date must be the same as or after the "from" date',
  );
  await expectAccessible(page);

  // Older events page on from the newest.
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(events).toHaveCount(25);
  await page.getByRole('button', { name: 'Older events' }).click();
  await expect.poll(() => events.count()).toBeGreaterThan(25);
});

test('a clinician is refused the admin pages and the audit log', async ({ page }) => {
  await loginAs(page, 'clinician');
  for (const path of ['/admin/users', '/admin/users/new', '/admin/tokens', '/admin/tokens/new', '/audit']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'You cannot view this page' })).toBeVisible();
  }
  await expectAccessible(page);
  await snap(page, 'admin-forbidden');
  // Changing their own password is open to everyone signed in.
  await page.goto('/account/password');
  await expect(page.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible();
});
