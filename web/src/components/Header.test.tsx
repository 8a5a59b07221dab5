import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Header from './Header';

afterEach(cleanup);

describe('Header', () => {
  it('shows only the service name to someone not signed in', () => {
    render(<Header />, { wrapper: MemoryRouter });
    expect(screen.getByRole('link', { name: 'NHS Assure homepage' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Account' })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Menu' })).toBeNull();
  });

  it('shows the user, a sign-out button and their navigation', () => {
    const signOut = vi.fn();
    render(
      <Header
        userName="Priya Shah"
        onSignOut={signOut}
        navigation={[{ label: 'My reports', to: '/my-reports', summary: '' }]}
      />,
      { wrapper: MemoryRouter },
    );
    expect(screen.getByRole('navigation', { name: 'Account' }).textContent).toContain('Priya Shah');
    screen.getByRole('button', { name: 'Sign out' }).click();
    expect(signOut).toHaveBeenCalledOnce();
    expect(screen.getByRole('navigation', { name: 'Menu' }).textContent).toContain('My reports');
  });
});
