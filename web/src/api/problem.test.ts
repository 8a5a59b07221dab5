import { describe, expect, it } from 'vitest';
import {
  fieldMessages,
  formatWait,
  parseRetryAfter,
  problemToSummary,
  retryMessage,
  toProblem,
  type Problem,
} from './problem';

function problemResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

describe('toProblem', () => {
  it('keeps the members of a problem details body', () => {
    const body = {
      type: 'https://assure.test/problems/validation',
      title: 'Validation failed',
      status: 422,
      detail: 'Two fields are not valid',
      errors: [
        { field: 'email', message: 'Enter an email address' },
        { field: 'password', message: 'Enter a password' },
      ],
    };
    expect(toProblem(body, problemResponse(422))).toEqual(body);
  });

  it('describes a body that is not problem details by its status', () => {
    expect(toProblem('<html>Bad gateway</html>', problemResponse(502))).toMatchObject({
      status: 502,
      title: 'Sorry, there is a problem with the service',
    });
    expect(toProblem(undefined, problemResponse(404))).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('drops malformed field errors', () => {
    const p = toProblem({ status: 422, errors: [{ field: 'x' }, { field: 'y', message: 'bad' }, 'z'] }, problemResponse(422));
    expect(p.errors).toEqual([{ field: 'y', message: 'bad' }]);
  });

  it('reads how long to wait from Retry-After', () => {
    expect(toProblem({ status: 429, title: 'Too many' }, problemResponse(429, { 'Retry-After': '120' })).retryAfterSeconds).toBe(120);
  });

  it('falls back to a retry_after member when there is no header', () => {
    expect(toProblem({ status: 429, retry_after: 30 }, problemResponse(429)).retryAfterSeconds).toBe(30);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(parseRetryAfter('90', now)).toBe(90);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('formatWait', () => {
  it('speaks in seconds, minutes or hours', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(45)).toBe('45 seconds');
    expect(formatWait(60)).toBe('1 minute');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(900)).toBe('15 minutes');
    expect(formatWait(7200)).toBe('2 hours');
  });
});

describe('problemToSummary', () => {
  const invalid: Problem = {
    type: 'about:blank',
    title: 'Validation failed',
    status: 422,
    errors: [
      { field: 'email', message: 'Enter an email address' },
      { field: 'items[0].value', message: 'Enter a number' },
    ],
  };

  it('links each field error to its input', () => {
    expect(problemToSummary(invalid)).toEqual({
      title: 'There is a problem',
      items: [
        { text: 'Enter an email address', href: '#email' },
        { text: 'Enter a number', href: '#items-0--value' },
      ],
    });
  });

  it('uses the page’s own ids for fields where they differ', () => {
    expect(problemToSummary(invalid, { fieldIds: { email: 'login-email' } }).items[0]?.href).toBe('#login-email');
  });

  it('shows the detail of a problem without field errors, linked to the fallback input', () => {
    const p: Problem = { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Wrong email or password' };
    expect(problemToSummary(p, { fallbackField: 'email' }).items).toEqual([{ text: 'Wrong email or password', href: '#email' }]);
    expect(problemToSummary(p).items).toEqual([{ text: 'Wrong email or password' }]);
  });

  it('falls back to the title when there is no detail', () => {
    const p: Problem = { type: 'about:blank', title: 'Forbidden', status: 403 };
    expect(problemToSummary(p).items).toEqual([{ text: 'Forbidden' }]);
  });

  it('says when to try again after too many attempts', () => {
    const now = new Date(2026, 0, 1, 14, 0, 0).getTime();
    const p: Problem = { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Too many sign-in attempts.', retryAfterSeconds: 300 };
    expect(problemToSummary(p, { now }).items[0]?.text).toBe('Too many sign-in attempts. Try again in 5 minutes (after 14:05).');
  });

  it('asks for a few minutes when the server gave no retry time', () => {
    const p: Problem = { type: 'about:blank', title: 'Too Many Requests', status: 429 };
    expect(retryMessage(p)).toBe('You have tried too many times. Wait a few minutes, then try again.');
  });
});

describe('fieldMessages', () => {
  it('indexes the first message for each input', () => {
    const p: Problem = {
      type: 'about:blank',
      title: 'x',
      status: 422,
      errors: [
        { field: 'email', message: 'first' },
        { field: 'email', message: 'second' },
      ],
    };
    expect(fieldMessages(p)).toEqual({ email: 'first' });
    expect(fieldMessages(null)).toEqual({});
  });
});
