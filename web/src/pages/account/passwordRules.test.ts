import { describe, expect, it } from 'vitest';
import { checkNewPassword } from './passwordRules';

describe('checkNewPassword', () => {
  it('asks for a long enough password, typed the same twice', () => {
    expect(checkNewPassword('', '', 'p', 'c')).toEqual([{ field: 'p', message: 'Enter a new password' }]);
    expect(checkNewPassword('short', 'short', 'p', 'c')[0]?.message).toMatch(/at least 12 characters/);
    expect(checkNewPassword('twelve chars', '', 'p', 'c')).toEqual([{ field: 'c', message: 'Enter your new password again' }]);
    expect(checkNewPassword('twelve chars', 'twelve chars!', 'p', 'c')).toEqual([{ field: 'c', message: 'The passwords do not match' }]);
    expect(checkNewPassword('twelve chars', 'twelve chars', 'p', 'c')).toEqual([]);
  });

  it('counts characters, not bytes', () => {
    expect(checkNewPassword('ééééééééééé', 'ééééééééééé', 'p', 'c')).toHaveLength(1);
  });
});
