// The audit log's filters: as the address holds them, as the form checks
// them, and as the API takes them.
import type { AuditQuery } from '../../api/audit';
import type { FieldError } from '../../api/problem';
import { addDays, isDate, localDayStart } from './dates';

/** AuditFilterValues are the filters as typed: dates are YYYY-MM-DD, both inclusive. */
export interface AuditFilterValues {
  entityType: string;
  entityId: string;
  actor: string;
  from: string;
  to: string;
}

const paramNames: Record<keyof AuditFilterValues, string> = {
  entityType: 'entity_type',
  entityId: 'entity_id',
  actor: 'actor',
  from: 'from',
  to: 'to',
};

export const noFilters: AuditFilterValues = { entityType: '', entityId: '', actor: '', from: '', to: '' };

/** filtersFromParams reads the filters from the address's query string. */
export function filtersFromParams(params: URLSearchParams): AuditFilterValues {
  const out = { ...noFilters };
  for (const [k, name] of Object.entries(paramNames) as [keyof AuditFilterValues, string][]) {
    out[k] = params.get(name)?.trim() ?? '';
  }
  return out;
}

/** filtersToParams writes the filters that are set, for the address. */
export function filtersToParams(v: AuditFilterValues): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, name] of Object.entries(paramNames) as [keyof AuditFilterValues, string][]) {
    const value = v[k].trim();
    if (value !== '') p.set(name, value);
  }
  return p;
}

/** hasFilters reports whether any filter is set. */
export function hasFilters(v: AuditFilterValues): boolean {
  return Object.values(v).some((x) => x.trim() !== '');
}

/** validateFilters checks the dates: real dates, and "to" not before "from". */
export function validateFilters(v: AuditFilterValues): FieldError[] {
  const errors: FieldError[] = [];
  const fromOk = v.from === '' || isDate(v.from);
  const toOk = v.to === '' || isDate(v.to);
  if (!fromOk) errors.push({ field: 'from', message: 'The "from" date must be a real date, like 2026-03-31' });
  if (!toOk) errors.push({ field: 'to', message: 'The "to" date must be a real date, like 2026-03-31' });
  if (fromOk && toOk && v.from !== '' && v.to !== '' && v.to < v.from) {
    errors.push({ field: 'to', message: 'The "to" date must be the same as or after the "from" date' });
  }
  return errors;
}

/**
 * toAuditQuery turns valid filter values into the API's query. The dates
 * are whole days where the browser is: "from" starts at the beginning of
 * its day, and "to" includes its day, so the API's exclusive bound is the
 * start of the next.
 */
export function toAuditQuery(v: AuditFilterValues): AuditQuery {
  const q: AuditQuery = {};
  if (v.entityType) q.entity_type = v.entityType;
  if (v.entityId) q.entity_id = v.entityId;
  if (v.actor) q.actor = v.actor;
  if (v.from) q.from = localDayStart(v.from);
  if (v.to) q.to = localDayStart(addDays(v.to, 1));
  return q;
}
