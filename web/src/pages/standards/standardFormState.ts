// The standard form's state, its checks and the request it becomes.
import type { FieldError } from '../../api/problem';
import type {
  CreateStandardRequest,
  Standard,
  StandardCategory,
  StandardDirection,
  StandardPeriod,
  StandardReference,
  StandardRollup,
  StandardStatus,
  StandardUnit,
  UpdateStandardRequest,
} from '../../api/standards';
import { parseDate, parseValue } from '../../lib/spcSeries';

export interface StandardForm {
  code: string;
  title: string;
  rationale: string;
  category: StandardCategory | '';
  metric: string;
  unit: StandardUnit | '';
  direction: StandardDirection | '';
  threshold: string;
  target: string;
  period: StandardPeriod | '';
  rollup: StandardRollup | '';
  system_ids: string[];
  owner_id: string;
  status: StandardStatus;
  review_due: string;
  references: StandardReference[];
  baseline_points: string;
  screen_moving_ranges: boolean;
  effective_from: string;
}

export const emptyForm: StandardForm = {
  code: '',
  title: '',
  rationale: '',
  category: '',
  metric: '',
  unit: '',
  direction: '',
  threshold: '',
  target: '',
  period: '',
  rollup: 'mean',
  system_ids: [],
  owner_id: '',
  status: 'draft',
  review_due: '',
  references: [],
  baseline_points: '',
  screen_moving_ranges: true,
  effective_from: '',
};

/** formFrom fills the form from a saved standard. */
export function formFrom(s: Standard): StandardForm {
  return {
    code: s.code,
    title: s.title,
    rationale: s.rationale,
    category: s.category,
    metric: s.metric,
    unit: s.unit,
    direction: s.direction,
    threshold: String(s.threshold),
    target: s.target === null ? '' : String(s.target),
    period: s.period,
    rollup: s.rollup,
    system_ids: [...s.system_ids],
    owner_id: s.owner_id ?? '',
    status: s.status,
    review_due: s.review_due ?? '',
    references: s.references.map((r) => ({ ...r })),
    baseline_points: s.baseline_points === null ? '' : String(s.baseline_points),
    screen_moving_ranges: s.screen_moving_ranges,
    effective_from: '',
  };
}

/** Fields the standard's owner may change without being an admin. */
export const ownerFields = ['title', 'rationale', 'metric', 'references', 'review_due'] as const;

/** revisionChanged reports whether a change would create a revision (threshold, target, direction or period). */
export function revisionChanged(form: StandardForm, saved: Standard): boolean {
  const target = form.target.trim() === '' ? null : parseValue(form.target);
  return (
    form.direction !== saved.direction ||
    form.period !== saved.period ||
    parseValue(form.threshold) !== saved.threshold ||
    target !== saved.target
  );
}

interface Checked {
  errors: FieldError[];
  threshold?: number;
  target: number | null;
  baseline: number | null;
  reviewDue: string | null;
  effectiveFrom?: string;
}

/** check finds what is missing or wrong before anything is sent. */
export function check(form: StandardForm, ownerOnly: boolean): Checked {
  const errors: FieldError[] = [];
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok) errors.push({ field, message });
  };
  if (!ownerOnly) need('code', /^[A-Z][A-Z0-9]{0,9}-[0-9]{2,4}$/.test(form.code.trim()), 'Enter a code like AV-01: capital letters, a hyphen and 2 to 4 digits');
  need('title', form.title.trim() !== '', 'Enter the standard’s title');
  if (!ownerOnly) need('category', form.category !== '', 'Choose a category');
  need('metric', form.metric.trim() !== '', 'Enter the name of the metric');
  let threshold: number | undefined;
  let target: number | null = null;
  let baseline: number | null = null;
  if (!ownerOnly) {
    need('unit', form.unit !== '', 'Choose the unit the metric is measured in');
    need('direction', form.direction !== '', 'Choose which way the metric should move');
    const t = parseValue(form.threshold);
    if (typeof t === 'number') threshold = t;
    else errors.push({ field: 'threshold', message: 'Enter the threshold as a number, for example 99.9' });
    if (form.target.trim() !== '') {
      const v = parseValue(form.target);
      if (typeof v === 'number') target = v;
      else errors.push({ field: 'target', message: 'Enter the target as a number, or leave it empty' });
    }
    need('period', form.period !== '', 'Choose how often the metric is measured');
    need('rollup', form.rollup !== '', 'Choose how the systems’ values combine');
    if (form.status === 'active') need('owner_id', form.owner_id !== '', 'An active standard needs an accountable owner');
    if (form.baseline_points.trim() !== '') {
      const b = Number(form.baseline_points);
      if (Number.isInteger(b) && b >= 12 && b <= 10000) baseline = b;
      else errors.push({ field: 'baseline_points', message: 'Enter a whole number of at least 12, or leave it empty' });
    }
  }
  let reviewDue: string | null = null;
  if (form.review_due.trim() !== '') {
    reviewDue = parseDate(form.review_due);
    if (reviewDue === null) errors.push({ field: 'review_due', message: 'Enter the review date as YYYY-MM-DD, for example 2027-03-31' });
  }
  let effectiveFrom: string | undefined;
  if (form.effective_from.trim() !== '') {
    const d = parseDate(form.effective_from);
    if (d === null) errors.push({ field: 'effective_from', message: 'Enter the date as YYYY-MM-DD, for example 2026-04-01' });
    else effectiveFrom = d;
  }
  form.references.forEach((r, i) => {
    if (r.scheme.trim() === '') errors.push({ field: `references[${i}].scheme`, message: `Enter the framework of reference ${i + 1}, such as DSPT` });
    if (r.id.trim() === '') errors.push({ field: `references[${i}].id`, message: `Enter the identifier of reference ${i + 1}, such as 7.3.2` });
  });
  return { errors, threshold, target, baseline, reviewDue, effectiveFrom };
}

function references(form: StandardForm): StandardReference[] {
  return form.references.map((r) => ({ scheme: r.scheme.trim(), id: r.id.trim() }));
}

/** createRequest is the body of POST /standards. */
export function createRequest(form: StandardForm, c: Checked): CreateStandardRequest {
  const body: CreateStandardRequest = {
    code: form.code.trim(),
    title: form.title.trim(),
    rationale: form.rationale.trim(),
    category: form.category as StandardCategory,
    metric: form.metric.trim(),
    unit: form.unit as StandardUnit,
    direction: form.direction as StandardDirection,
    threshold: c.threshold ?? 0,
    target: c.target,
    period: form.period as StandardPeriod,
    rollup: form.rollup as StandardRollup,
    system_ids: form.system_ids,
    owner_id: form.owner_id || null,
    status: form.status,
    review_due: c.reviewDue,
    references: references(form),
    baseline_points: c.baseline,
    screen_moving_ranges: form.screen_moving_ranges,
  };
  if (c.effectiveFrom) body.effective_from = c.effectiveFrom;
  return body;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** updateRequest is the body of PATCH /standards/{id}: only what changed. */
export function updateRequest(form: StandardForm, c: Checked, saved: Standard, ownerOnly: boolean): UpdateStandardRequest {
  const body: UpdateStandardRequest = {};
  if (form.title.trim() !== saved.title) body.title = form.title.trim();
  if (form.rationale.trim() !== saved.rationale) body.rationale = form.rationale.trim();
  if (form.metric.trim() !== saved.metric) body.metric = form.metric.trim();
  if (c.reviewDue !== saved.review_due) body.review_due = c.reviewDue;
  const refs = references(form);
  if (JSON.stringify(refs) !== JSON.stringify(saved.references)) body.references = refs;
  if (ownerOnly) return body;
  if (form.code.trim() !== saved.code) body.code = form.code.trim();
  if (form.category !== saved.category) body.category = form.category as StandardCategory;
  if (form.unit !== saved.unit) body.unit = form.unit as StandardUnit;
  if (form.direction !== saved.direction) body.direction = form.direction as StandardDirection;
  if (c.threshold !== undefined && c.threshold !== saved.threshold) body.threshold = c.threshold;
  if (c.target !== saved.target) body.target = c.target;
  if (form.period !== saved.period) body.period = form.period as StandardPeriod;
  if (form.rollup !== saved.rollup) body.rollup = form.rollup as StandardRollup;
  if (!sameList(form.system_ids, saved.system_ids)) body.system_ids = form.system_ids;
  if ((form.owner_id || null) !== saved.owner_id) body.owner_id = form.owner_id || null;
  if (form.status !== saved.status) body.status = form.status;
  if (c.baseline !== saved.baseline_points) body.baseline_points = c.baseline;
  if (form.screen_moving_ranges !== saved.screen_moving_ranges) body.screen_moving_ranges = form.screen_moving_ranges;
  if (c.effectiveFrom && revisionChanged(form, saved)) body.effective_from = c.effectiveFrom;
  return body;
}
