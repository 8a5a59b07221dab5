import { describe, expect, it } from 'vitest';
import { filtersFrom, filtersToParams, toQuery } from './triageQuery';

describe('triage filters', () => {
  it('default to open reports, most time lost first', () => {
    expect(toQuery(filtersFrom(new URLSearchParams()), null)).toEqual({
      sort: 'time_lost',
      limit: 50,
      status: ['new', 'triaged', 'in_progress'],
    });
  });

  it('round-trip through the address', () => {
    const f = { status: 'resolved', system: 'not-sure', site: 's1', harm: 'moderate', from: '2026-01-01', to: '2026-01-31' };
    expect(filtersFrom(filtersToParams(f))).toEqual(f);
    expect(toQuery(f, 'c1')).toEqual({
      sort: 'time_lost',
      limit: 50,
      status: ['resolved'],
      system_not_sure: true,
      site_id: 's1',
      harm: 'moderate',
      from: '2026-01-01',
      to: '2026-01-31',
      cursor: 'c1',
    });
  });

  it('ignore values that are not well formed', () => {
    expect(toQuery({ status: 'all', system: '', site: '', harm: 'awful', from: 'yesterday', to: '' }, null)).toEqual({
      sort: 'time_lost',
      limit: 50,
    });
  });
});
