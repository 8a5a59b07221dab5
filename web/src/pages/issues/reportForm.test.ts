import { describe, expect, it } from 'vitest';
import { emptyReport, explainServerError, notSure, toCreateRequest, validateReport, type ReportForm } from './reportForm';

const filled: ReportForm = { ...emptyReport, title: 'EPR froze', system: 'sys-1', site: 'site-1', physical: 'none', psychological: 'none' };

describe('validateReport', () => {
  it('needs only what happened, the system, the site and the impact', () => {
    expect(validateReport(filled)).toEqual([]);
    expect(validateReport(emptyReport).map((e) => e.field)).toEqual([
      'title',
      'system_id',
      'site_id',
      'physical_harm',
      'psychological_harm',
    ]);
  });

  it('refuses an NHS number in any free text, naming the field', () => {
    const errors = validateReport({ ...filled, location: 'bay 2, 943 476 5919' });
    expect(errors).toEqual([
      { field: 'location', message: 'Ward or department looks like it contains an NHS number. Remove it: do not include patient identifiers' },
    ]);
  });

  it('refuses a date of birth in the description', () => {
    expect(validateReport({ ...filled, description: 'pt born 12.03.1954' }).map((e) => e.field)).toEqual(['description']);
  });

  it('checks only a workaround that was used', () => {
    expect(validateReport({ ...filled, workaround: 'DOB 01/01/1950' })).toEqual([]);
    expect(validateReport({ ...filled, workaroundUsed: true, workaround: 'DOB 01/01/1950' }).map((e) => e.field)).toEqual(['workaround']);
  });

  it('refuses numbers out of range and starts in the future', () => {
    const now = new Date('2026-03-18T12:00:00Z');
    const errors = validateReport({ ...filled, minutesLost: '-3', staffAffected: '0', startedAt: '2026-03-19T09:00' }, now);
    expect(errors.map((e) => e.field)).toEqual(['minutes_lost', 'staff_affected', 'started_at']);
  });
});

describe('toCreateRequest', () => {
  it('sends not sure instead of a system, and leaves out what was not given', () => {
    expect(toCreateRequest({ ...filled, system: notSure, minutesLost: '15' })).toEqual({
      title: 'EPR froze',
      system_not_sure: true,
      site_id: 'site-1',
      physical_harm: 'none',
      psychological_harm: 'none',
      care_delayed: false,
      care_not_given: false,
      ongoing: false,
      workaround_used: false,
      minutes_lost: 15,
      staff_affected: 1,
    });
  });

  it('drops a duration when the problem is still happening', () => {
    expect(toCreateRequest({ ...filled, ongoing: true, duration: '30' }).duration_minutes).toBeUndefined();
  });
});

describe('explainServerError', () => {
  it('puts the field label before the server message', () => {
    expect(explainServerError({ field: 'site_id', message: 'is not a site in the catalogue' })).toEqual({
      field: 'site_id',
      message: 'Site is not a site in the catalogue',
    });
  });
});
