import { expect, expectAccessible, expectedNav, loginAs, navLabels, roles, snap, test } from './fixtures';

test.describe('navigation by role', () => {
  for (const role of roles) {
    test(`${role} sees exactly the navigation their permissions open`, async ({ page }) => {
      const me = await loginAs(page, role);
      expect(me.roles).toContain(role);

      expect(await navLabels(page)).toEqual(expectedNav(me.permissions));
      await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(me.name);
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

      if (role === 'clinician') {
        expect(await navLabels(page)).not.toContain('Users');
        expect(await navLabels(page)).not.toContain('Audit log');
        expect(await navLabels(page)).toContain('Report an IT problem');
      }
      if (role === 'admin') {
        expect(await navLabels(page)).toContain('Users');
        expect(await navLabels(page)).toContain('API tokens');
      }

      await expectAccessible(page);
      await snap(page, `home-${role}`);
    });
  }
});

test('the More menu holds the navigation that does not fit', async ({ page }) => {
  await loginAs(page, 'admin');
  const menu = page.getByRole('navigation', { name: 'Menu' });
  const more = menu.getByRole('button', { name: 'Browse More' });
  await expect(more).toBeVisible();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  // every item is now on screen, inline or in the open menu
  for (const label of await navLabels(page)) {
    await expect(menu.getByRole('link', { name: label, exact: true })).toBeVisible();
  }
  await expectAccessible(page);
  await snap(page, 'nav-more-open');
  await page.keyboard.press('Escape');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
});

test('pages out of reach and unknown addresses each explain themselves', async ({ page }) => {
  await loginAs(page, 'clinician');

  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'My reports' }).click();
  await expect(page).toHaveURL(/\/my-reports$/);
  await expect(page.getByRole('heading', { level: 1, name: 'My reports' })).toBeVisible();
  await expect(page).toHaveTitle('My reports – Assure');

  await page.goto('/report');
  await expect(page.getByRole('heading', { level: 1, name: 'Report an IT problem' })).toBeVisible();

  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'You cannot view this page' })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'not-found');
});

test('sign out returns to the sign-in page and ends the session', async ({ page }) => {
  await loginAs(page, 'improver');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Assure' })).toBeVisible();
  await expect(page.locator('.nhsuk-inset-text')).toContainText('You have signed out');

  // A reload tries the refresh cookie: it must no longer work.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('a reload keeps you signed in without storing the token', async ({ page }) => {
  const me = await loginAs(page, 'executive');
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(me.name);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toMatch(/eyJ/); // no JWT in web storage
});
