import { describe, expect, it } from 'vitest';
import { describeRole, firstName } from './roles';

describe('firstName', () => {
  it('greets by first name, past any title', () => {
    expect(firstName('Alex Morgan')).toBe('Alex');
    expect(firstName('Dr Priya Shah')).toBe('Priya');
    expect(firstName('Prof. Jane  Doe')).toBe('Jane');
    expect(firstName('Madonna')).toBe('Madonna');
    expect(firstName('Dr')).toBe('Dr');
  });
});

describe('describeRole', () => {
  it('names known roles and passes unknown ones through', () => {
    expect(describeRole('board').name).toBe('Board member');
    expect(describeRole('auditor')).toEqual({ name: 'Auditor', canDo: '' });
  });
});
