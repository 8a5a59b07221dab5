// The triage queue's filters live in the address, so a filtered queue can
// be bookmarked and shared. These turn one into the other.
import type { Harm, IssueQuery, IssueStatus } from '../../api/issues';
import { notSure } from './reportForm';

export const openStatuses: IssueStatus[] = ['new', 'triaged', 'in_progress'];
const allStatuses: IssueStatus[] = ['new', 'triaged', 'in_progress', 'resolved', 'closed'];
const harms: Harm[] = ['none', 'low', 'moderate', 'severe', 'fatal'];

export interface TriageFilters {
  status: string; // 'open', 'all' or one status
  system: string; // '' all, a system id, or notSure
  site: string;
  harm: string; // '' any, or the least harm
  from: string; // YYYY-MM-DD
  to: string;
}

export function filtersFrom(params: URLSearchParams): TriageFilters {
  return {
    status: params.get('status') ?? 'open',
    system: params.get('system') ?? '',
    site: params.get('site') ?? '',
    harm: params.get('harm') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

export function filtersToParams(f: TriageFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status !== 'open') p.set('status', f.status);
  for (const k of ['system', 'site', 'harm', 'from', 'to'] as const) if (f[k] !== '') p.set(k, f[k]);
  return p;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** toQuery makes the API query for the filters (ignoring any that are not well formed). */
export function toQuery(f: TriageFilters, cursor: string | null): IssueQuery {
  const q: IssueQuery = { sort: 'time_lost', limit: 50 };
  if (f.status === 'open') q.status = openStatuses;
  else if (allStatuses.includes(f.status as IssueStatus)) q.status = [f.status as IssueStatus];
  if (f.system === notSure) q.system_not_sure = true;
  else if (f.system !== '') q.system_id = f.system;
  if (f.site !== '') q.site_id = f.site;
  if (harms.includes(f.harm as Harm)) q.harm = f.harm as Harm;
  if (isDate(f.from)) q.from = f.from;
  if (isDate(f.to)) q.to = f.to;
  if (cursor) q.cursor = cursor;
  return q;
}
