import { describe, expect, it } from 'vitest';
import { describeAction, entityLabel } from './auditWords';

describe('describeAction', () => {
  it('says known actions in plain words and spells out the rest', () => {
    expect(describeAction('user.roles_changed')).toBe('Roles changed');
    expect(describeAction('api_token.revoked')).toBe('API token revoked');
    expect(describeAction('standard.exception_approved')).toBe('Standard: exception approved');
    expect(describeAction('rebuilt')).toBe('Rebuilt');
  });
});

describe('entityLabel', () => {
  it('names kinds of thing', () => {
    expect(entityLabel('api_token')).toBe('API token');
    expect(entityLabel('widget_part')).toBe('Widget part');
  });
});
