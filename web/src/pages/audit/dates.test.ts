import { describe, expect, it } from 'vitest';
import { addDays, formatDate, formatDateTime, formatTime, isDate, localToday } from './dates';

describe('dates', () => {
  it('write dates and times the NHS.UK way', () => {
    expect(formatDateTime('2026-03-09T14:05:00Z', 'UTC')).toBe('9 March 2026 at 2:05pm');
    expect(formatDateTime('2026-07-01T08:00:00Z', 'Europe/London')).toBe('1 July 2026 at 9am');
    expect(formatTime('2026-03-09T00:00:00Z', 'UTC')).toBe('midnight');
    expect(formatDateTime('2026-03-09T00:00:00Z', 'UTC')).toBe('9 March 2026, at the start of the day');
    expect(formatTime('2026-03-09T12:00:00Z', 'UTC')).toBe('midday');
    expect(formatTime('2026-03-09T12:30:00Z', 'UTC')).toBe('12:30pm');
    expect(formatDate('2026-12-25T10:00:00Z', 'UTC')).toBe('25 December 2026');
    expect(formatDateTime('yesterday')).toBe('yesterday');
  });

  it('know real dates and move them by days', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-3-1')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
