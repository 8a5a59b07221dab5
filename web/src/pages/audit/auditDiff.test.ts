import { describe, expect, it } from 'vitest';
import { auditDiff, fieldLabel, formatValue } from './auditDiff';

describe('auditDiff', () => {
  it('shows a role change as one changed row, in role names', () => {
    expect(auditDiff({ roles: ['clinician'] }, { roles: ['board', 'admin'] })).toEqual([
      { key: 'roles', label: 'Roles', before: 'Clinician', after: 'Board member, Administrator', change: 'changed' },
    ]);
  });

  it('shows every field of a creation as added, in the order recorded', () => {
    const rows = auditDiff(null, { id: 'u1', email: 'jo@nhs.net', active: true, roles: [] });
    expect(rows.map((r) => [r.label, r.before, r.after, r.change])).toEqual([
      ['ID', null, 'u1', 'added'],
      ['Email address', null, 'jo@nhs.net', 'added'],
      ['Active', null, 'Yes', 'added'],
      ['Roles', null, 'None', 'added'],
    ]);
  });

  it('marks unchanged, changed, added and removed fields', () => {
    const rows = auditDiff(
      { label: 'Zabbix', revoked_at: null, gone: 1 },
      { label: 'Zabbix', revoked_at: '2026-03-09T14:05:00Z', extra: false },
    );
    expect(rows.map((r) => [r.key, r.change])).toEqual([
      ['label', 'same'],
      ['revoked_at', 'changed'],
      ['gone', 'removed'],
      ['extra', 'added'],
    ]);
    expect(rows[1]?.before).toBe('None');
    expect(rows[1]?.after).toMatch(/^9 March 2026 at /);
    expect(rows[2]?.after).toBeNull();
    expect(rows[3]?.after).toBe('No');
  });

  it('opens nested objects into dotted fields', () => {
    const rows = auditDiff({ owner: { name: 'A' } }, { owner: { name: 'B', team_id: 't' } });
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['Owner: Name', 'A', 'B'],
      ['Owner: Team ID', null, 't'],
    ]);
  });

  it('handles bare values and nothing at all', () => {
    expect(auditDiff(null, null)).toEqual([]);
    expect(auditDiff(undefined, 3)).toEqual([{ key: '', label: 'Value', before: null, after: '3', change: 'added' }]);
    expect(auditDiff({}, {})).toEqual([]);
    expect(auditDiff({ meta: {} }, null)[0]).toMatchObject({ label: 'Meta', before: '{}', after: null, change: 'removed' });
  });
});

describe('formatValue', () => {
  it('says values in words', () => {
    expect(formatValue('active', false)).toBe('No');
    expect(formatValue('note', '')).toBe('(empty)');
    expect(formatValue('reason', 'wrong_password')).toBe('wrong password');
    expect(formatValue('scopes', ['measurements:write'])).toBe('measurements:write');
    expect(formatValue('items', [{ a: 1 }])).toBe('[{"a":1}]');
    expect(formatValue('value', 99.5)).toBe('99.5');
    expect(formatValue('when', 'not 2026-03-09T14:05:00Z')).toBe('not 2026-03-09T14:05:00Z');
  });
});

describe('fieldLabel', () => {
  it('names fields in plain words', () => {
    expect(fieldLabel('client_ip')).toBe('Client address');
    expect(fieldLabel('due_date')).toBe('Due date');
    expect(fieldLabel('standardId')).toBe('Standard ID');
    expect(fieldLabel('')).toBe('Value');
  });
});
