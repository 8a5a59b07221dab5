import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../api/problem';
import ErrorSummary from './ErrorSummary';

afterEach(cleanup);

// jsdom does no layout, so it has no scrollIntoView.
beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined;
});

const problem: Problem = {
  type: 'about:blank',
  title: 'Validation failed',
  status: 422,
  errors: [
    { field: 'email', message: 'Enter your email address' },
    { field: 'password', message: 'Enter your password' },
  ],
};

function Form() {
  return (
    <>
      <ErrorSummary problem={problem} />
      <label htmlFor="email">Email</label>
      <input id="email" />
      <label htmlFor="password">Password</label>
      <input id="password" />
    </>
  );
}

describe('ErrorSummary', () => {
  it('announces the problem and takes focus', () => {
    render(<Form />);
    expect(screen.getByRole('alert')).toHaveProperty('textContent', expect.stringContaining('There is a problem'));
    expect(document.activeElement?.className).toContain('nhsuk-error-summary');
  });

  it('links each error to its input and moves focus there', () => {
    render(<Form />);
    const link = screen.getByRole('link', { name: 'Enter your password' });
    expect(link.getAttribute('href')).toBe('#password');
    fireEvent.click(link);
    expect(document.activeElement?.id).toBe('password');
  });
});
