// Turns an audit event's before and after states (any JSON) into rows a
// person can read: one per field, with both values in words and whether it
// changed.
import { describeRole } from '../../lib/roles';
import { formatDateTime } from './dates';

export type Change = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  /** The field's path, such as "roles" or "user.name"; "" for a bare value. */
  key: string;
  label: string;
  /** The value before, in words; null when the field was not there. */
  before: string | null;
  /** The value after, in words; null when the field was not there. */
  after: string | null;
  change: Change;
}

const labels: Record<string, string> = {
  id: 'ID',
  email: 'Email address',
  client_ip: 'Client address',
  session_id: 'Session ID',
  user_id: 'User ID',
  expires_at: 'Expires',
  revoked_at: 'Revoked',
  set_password_expires_at: 'Set-password link expires',
  created_at: 'Created',
  updated_at: 'Updated',
};

/** fieldLabel names a field in words: "client_ip" is "Client address", "due_date" is "Due date". */
export function fieldLabel(key: string): string {
  if (key === '') return 'Value';
  return key
    .split('.')
    .map((part) => {
      const known = labels[part];
      if (known) return known;
      const words = part
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .split(/[_\s-]+/)
        .filter(Boolean)
        .map((w) => (w.toLowerCase() === 'id' ? 'ID' : w.toLowerCase()));
      const text = words.join(' ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    })
    .join(': ');
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function scalar(key: string, v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (v === '') return '(empty)';
    if (isoDateTime.test(v)) return formatDateTime(v);
    const last = key.split('.').pop() ?? key;
    if (last === 'role' || last === 'roles') return describeRole(v).name;
    if (last === 'reason' || last === 'status') return v.replace(/_/g, ' ');
    return v;
  }
  return JSON.stringify(v);
}

/** formatValue says a JSON value in words: Yes/No, dates, role names, lists. */
export function formatValue(key: string, v: unknown): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return 'None';
    if (v.every((x) => !isRecord(x) && !Array.isArray(x))) return v.map((x) => scalar(key, x)).join(', ');
    return JSON.stringify(v);
  }
  return scalar(key, v);
}

// flatten lists the leaves of a JSON value by dotted path, in order.
// Nested objects are opened; lists and scalars are leaves.
function flatten(v: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isRecord(v) && Object.keys(v).length > 0) {
    for (const [k, child] of Object.entries(v)) flatten(child, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix, v);
}

function leaves(v: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (v === null || v === undefined || (isRecord(v) && Object.keys(v).length === 0)) return out;
  flatten(v, '', out);
  return out;
}

/**
 * auditDiff compares before and after field by field. Fields keep the
 * order they first appear in (before, then any new in after). A state that
 * is null or absent (a creation, a deletion) simply has no fields.
 */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const b = leaves(before);
  const a = leaves(after);
  const keys = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  return keys.map((key) => {
    const inBefore = b.has(key);
    const inAfter = a.has(key);
    let change: Change;
    if (!inBefore) change = 'added';
    else if (!inAfter) change = 'removed';
    else change = JSON.stringify(b.get(key)) === JSON.stringify(a.get(key)) ? 'same' : 'changed';
    return {
      key,
      label: fieldLabel(key),
      before: inBefore ? formatValue(key, b.get(key)) : null,
      after: inAfter ? formatValue(key, a.get(key)) : null,
      change,
    };
  });
}
