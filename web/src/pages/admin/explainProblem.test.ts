import { describe, expect, it } from 'vitest';
import { validationProblem, type Problem } from '../../api/problem';
import { explainProblem } from './explainProblem';

describe('explainProblem', () => {
  it('names the field in each message and folds list items onto their list', () => {
    const p = validationProblem([
      { field: 'email', message: 'is required' },
      { field: 'roles[0]', message: 'must be one of clinician, admin' },
      { field: 'roles[1]', message: 'must be one of clinician, admin' },
      { field: 'password', message: 'Choose a longer one' },
      { field: 'mystery', message: 'is odd' },
    ]);
    expect(explainProblem(p, { email: 'Email address', roles: 'Each role' }).errors).toEqual([
      { field: 'email', message: 'Email address is required' },
      { field: 'roles', message: 'Each role must be one of clinician, admin' },
      { field: 'password', message: 'Choose a longer one' },
      { field: 'mystery', message: 'Is odd' },
    ]);
  });

  it('capitalises a bare detail', () => {
    const p: Problem = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'a user with email x@y.z already exists' };
    expect(explainProblem(p, {}).detail).toBe('A user with email x@y.z already exists');
    const none: Problem = { type: 'about:blank', title: 'Gone', status: 404 };
    expect(explainProblem(none, {})).toBe(none);
  });
});
