import { describe, expect, it } from 'vitest';
import { filtersFromParams, filtersToParams, hasFilters, noFilters, toAuditQuery, validateFilters } from './auditFilters';

describe('audit filters', () => {
  it('round-trip through the address, leaving out empty ones', () => {
    const v = filtersFromParams(new URLSearchParams('entity_type=user&actor=%20jo@nhs.net%20&from=2026-03-01'));
    expect(v).toEqual({ ...noFilters, entityType: 'user', actor: 'jo@nhs.net', from: '2026-03-01' });
    expect(filtersToParams(v).toString()).toBe('entity_type=user&actor=jo%40nhs.net&from=2026-03-01');
    expect(hasFilters(v)).toBe(true);
    expect(hasFilters(noFilters)).toBe(false);
  });

  it('refuse dates that are not real, or a "to" before "from"', () => {
    expect(validateFilters({ ...noFilters, from: '2026-02-30' }).map((e) => e.field)).toEqual(['from']);
    expect(validateFilters({ ...noFilters, to: 'soon' }).map((e) => e.field)).toEqual(['to']);
    expect(validateFilters({ ...noFilters, from: '2026-03-02', to: '2026-03-01' })).toEqual([
      { field: 'to', message: 'The "to" date must be the same as or after the "from" date' },
    ]);
    expect(validateFilters({ ...noFilters, from: '2026-03-01', to: '2026-03-01' })).toEqual([]);
  });

  it('make whole local days of the dates, "to" included', () => {
    const q = toAuditQuery({ ...noFilters, entityType: 'api_token', from: '2026-03-01', to: '2026-03-31' });
    expect(q.entity_type).toBe('api_token');
    const from = new Date(q.from ?? '');
    const to = new Date(q.to ?? '');
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours()]).toEqual([2026, 2, 1, 0]);
    expect([to.getFullYear(), to.getMonth(), to.getDate(), to.getHours()]).toEqual([2026, 3, 1, 0]);
    expect(toAuditQuery(noFilters)).toEqual({});
  });
});
