import { describe, expect, it } from 'vitest';
import { describeQuarter, quarterOf, recentQuarters } from './quarters';

describe('quarters', () => {
  it('names the quarter a day falls in', () => {
    expect(quarterOf(new Date('2026-03-31T23:00:00Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-07-01T00:00:00Z'))).toBe('2026-Q3');
  });
  it('lists recent quarters across a year end, latest first', () => {
    expect(recentQuarters(new Date('2026-02-10T00:00:00Z'), 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
  });
  it('describes a quarter in words', () => {
    expect(describeQuarter('2026-Q3')).toBe('July to September 2026');
    expect(describeQuarter('nonsense')).toBe('nonsense');
  });
});
