import { describe, expect, it } from 'vitest';
import type { DashboardRow } from '../../api/dashboard';
import { cellsOf, sparkPoints } from './matrix';

const systems = [
  { id: 'a', name: 'Alpha', supplier: 'Acme', link: '/suppliers/Acme#system-a' },
  { id: 'b', name: 'Bravo', supplier: 'Acme', link: '/suppliers/Acme#system-b' },
  { id: 'c', name: 'Charlie', supplier: 'Beta', link: '/suppliers/Beta#system-c' },
];

const row = {
  standard: { id: 's1' },
  cells: { statuses: ['met', null, 'missing'], values: [99.5, null, null] },
  sparkline: { periods: ['2026-01-01', '2026-02-01'], values: [1, null], statuses: ['met', 'missing'] },
} as unknown as DashboardRow;

describe('matrix rows', () => {
  it('keeps only the systems in scope, each with its evidence', () => {
    const cells = cellsOf(row, { systems, cell_link: '/standards/{standard_id}?system={system_id}' });
    expect(cells.map((c) => [c.system.name, c.status, c.value, c.link])).toEqual([
      ['Alpha', 'met', 99.5, '/standards/s1?system=a'],
      ['Charlie', 'missing', null, '/standards/s1?system=c'],
    ]);
  });
  it('unpacks the sparkline period by period', () => {
    expect(sparkPoints(row)).toEqual([
      { period_start: '2026-01-01', value: 1, status: 'met' },
      { period_start: '2026-02-01', value: null, status: 'missing' },
    ]);
  });
});
