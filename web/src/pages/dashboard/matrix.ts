import type { ComplianceStatus, Dashboard, DashboardJudged, DashboardRow } from '../../api/dashboard';

/** Cell is one system's judgement of a row's standard, with the link to its evidence. */
export interface Cell {
  system: Dashboard['matrix']['systems'][number];
  status: ComplianceStatus;
  value: number | null;
  link: string;
}

/** cellsOf unpacks a row's cells (arrays aligned with the matrix's systems) into the systems in its scope. */
export function cellsOf(row: DashboardRow, matrix: Pick<Dashboard['matrix'], 'systems' | 'cell_link'>): Cell[] {
  const out: Cell[] = [];
  matrix.systems.forEach((system, i) => {
    const status = row.cells.statuses[i];
    if (status === null || status === undefined) return;
    out.push({
      system,
      status,
      value: row.cells.values[i] ?? null,
      link: matrix.cell_link.replace('{standard_id}', row.standard.id).replace('{system_id}', system.id),
    });
  });
  return out;
}

/** sparkPoints unpacks a row's sparkline into its periods. */
export function sparkPoints(row: DashboardRow): DashboardJudged[] {
  return row.sparkline.periods.map((p, i) => ({
    period_start: p,
    value: row.sparkline.values[i] ?? null,
    status: row.sparkline.statuses[i] ?? 'missing',
  }));
}
