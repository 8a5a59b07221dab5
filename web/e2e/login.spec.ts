import { demoEmail, expect, expectAccessible, snap, test } from './fixtures';

test.describe('sign-in page', () => {
  test('renders and is accessible', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Assure' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Assure');
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page).toHaveTitle('Sign in – Assure');
    await expectAccessible(page);
    await snap(page, 'login');
  });

  test('sends someone who is not signed in to the sign-in page', async ({ page }) => {
    await page.goto('/standards');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Assure' })).toBeVisible();
  });

  test('an empty form says what to enter, linked to each input', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#email');
    await expect(summary.getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password');
    await summary.getByRole('link', { name: 'Enter your password' }).click();
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await expect(page).toHaveTitle(/^Error: /);
    await expectAccessible(page);
  });

  test('a wrong password shows the error summary', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email address').fill(demoEmail('clinician'));
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    const login = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await login).status()).toBe(401);

    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(summary.getByRole('link')).toHaveText('Your email address or password is not correct');
    await expect(summary.getByRole('link')).toHaveAttribute('href', '#email');
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page).toHaveTitle('Error: Sign in – Assure');
    await expectAccessible(page);
    await snap(page, 'login-error');
  });
});

test('too many attempts says when to try again', async ({ page }) => {
  // Real throttling would lock 127.0.0.1 out for the rest of the run, so
  // the server's 429 is played back here instead.
  await page.route('**/api/v1/auth/login', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '600' },
      body: JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Too many failed sign-ins.' }),
    }),
  );
  await page.goto('/login');
  await page.getByLabel('Email address').fill(demoEmail('board'));
  await page.getByLabel('Password', { exact: true }).fill('whatever');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('You have tried to sign in too many times. Try again in 10 minutes (after ');
  await expectAccessible(page);
});
