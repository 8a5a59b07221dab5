// The report form's state, its checks before sending, and the request it
// makes. Kept apart from the page so the rules can be tested on their own.
import type { CreateIssueRequest, Harm } from '../../api/issues';
import type { FieldError } from '../../api/problem';
import { identifierMessage, patientIdentifier } from './patientIdentifiers';

/** notSure is the system select's value for "Not sure". */
export const notSure = 'not-sure';

export interface ReportForm {
  title: string;
  system: string; // a system id, notSure, or '' (not chosen)
  site: string;
  physical: Harm | '';
  psychological: Harm | '';
  minutesLost: string;
  staffAffected: string;
  description: string;
  location: string;
  startedAt: string; // datetime-local value, '' for now
  ongoing: boolean;
  duration: string;
  workaroundUsed: boolean;
  workaround: string;
  careDelayed: boolean;
  careNotGiven: boolean;
}

export const emptyReport: ReportForm = {
  title: '',
  system: '',
  site: '',
  physical: '',
  psychological: '',
  minutesLost: '',
  staffAffected: '',
  description: '',
  location: '',
  startedAt: '',
  ongoing: false,
  duration: '',
  workaroundUsed: false,
  workaround: '',
  careDelayed: false,
  careNotGiven: false,
};

/** fieldLabels name each API field as the form labels it, for messages. */
export const fieldLabels: Record<string, string> = {
  title: 'What happened',
  system_id: 'System',
  site_id: 'Site',
  physical_harm: 'Physical harm',
  psychological_harm: 'Psychological harm',
  minutes_lost: 'Minutes lost',
  staff_affected: 'Staff affected',
  description: 'Description',
  location: 'Ward or department',
  started_at: 'When it started',
  duration_minutes: 'How long it lasted',
  workaround: 'Workaround',
};

/** explainServerError words an API field error with its label, as the error summary shows it. */
export function explainServerError(e: FieldError): FieldError {
  const label = fieldLabels[e.field];
  return label ? { field: e.field, message: `${label} ${e.message}` } : e;
}

function wholeNumber(s: string, min: number, max: number): number | null | 'bad' {
  const t = s.trim();
  if (t === '') return null;
  if (!/^[0-9]+$/.test(t)) return 'bad';
  const n = Number(t);
  return n < min || n > max ? 'bad' : n;
}

/** validateReport checks the form as the server would, so errors show before sending. */
export function validateReport(f: ReportForm, now: Date = new Date()): FieldError[] {
  const errors: FieldError[] = [];
  const text = (field: string, value: string, max: number, required = false) => {
    const v = value.trim();
    const label = fieldLabels[field] ?? field;
    if (required && v === '') {
      errors.push({ field, message: field === 'title' ? 'Enter what happened' : `Enter ${label.toLowerCase()}` });
      return;
    }
    if ([...v].length > max) {
      errors.push({ field, message: `${label} must be ${max} characters or fewer` });
      return;
    }
    const kind = patientIdentifier(v);
    if (kind) errors.push({ field, message: identifierMessage(kind, label) });
  };
  text('title', f.title, 200, true);
  if (f.system === '') errors.push({ field: 'system_id', message: "Select the system, or 'Not sure'" });
  if (f.site === '') errors.push({ field: 'site_id', message: 'Select the site' });
  if (f.physical === '') errors.push({ field: 'physical_harm', message: 'Select the physical harm to patients' });
  if (f.psychological === '')
    errors.push({ field: 'psychological_harm', message: 'Select the psychological harm to patients' });
  if (wholeNumber(f.minutesLost, 0, 10080) === 'bad')
    errors.push({ field: 'minutes_lost', message: 'Minutes lost must be a whole number from 0 to 10080' });
  if (wholeNumber(f.staffAffected, 1, 1000) === 'bad')
    errors.push({ field: 'staff_affected', message: 'Staff affected must be a whole number from 1 to 1000' });
  text('description', f.description, 4000);
  text('location', f.location, 200);
  if (f.startedAt !== '') {
    const t = new Date(f.startedAt);
    if (Number.isNaN(t.getTime())) errors.push({ field: 'started_at', message: 'Enter when it started as a date and time' });
    else if (t.getTime() > now.getTime() + 10 * 60_000)
      errors.push({ field: 'started_at', message: 'When it started must be in the past' });
  }
  if (!f.ongoing && wholeNumber(f.duration, 0, 525600) === 'bad')
    errors.push({ field: 'duration_minutes', message: 'How long it lasted must be a whole number of minutes' });
  if (f.workaroundUsed) text('workaround', f.workaround, 1000);
  return errors;
}

/** toCreateRequest turns a valid form into the API's request. */
export function toCreateRequest(f: ReportForm): CreateIssueRequest {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));
  const body: CreateIssueRequest = {
    title: f.title.trim(),
    site_id: f.site,
    physical_harm: f.physical as Harm,
    psychological_harm: f.psychological as Harm,
    care_delayed: f.careDelayed,
    care_not_given: f.careNotGiven,
    ongoing: f.ongoing,
    workaround_used: f.workaroundUsed,
    system_not_sure: f.system === notSure,
    minutes_lost: num(f.minutesLost) ?? 0,
    staff_affected: num(f.staffAffected) ?? 1,
  };
  if (f.system !== notSure) body.system_id = f.system;
  if (f.description.trim() !== '') body.description = f.description.trim();
  if (f.location.trim() !== '') body.location = f.location.trim();
  if (f.startedAt !== '') body.started_at = new Date(f.startedAt).toISOString();
  const duration = num(f.duration);
  if (!f.ongoing && duration !== undefined) body.duration_minutes = duration;
  if (f.workaroundUsed && f.workaround.trim() !== '') body.workaround = f.workaround.trim();
  return body;
}
