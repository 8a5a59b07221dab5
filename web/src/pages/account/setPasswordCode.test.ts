import { describe, expect, it } from 'vitest';
import { readSetPasswordCode } from './setPasswordCode';

describe('readSetPasswordCode', () => {
  it('reads the code from the fragment, as the API writes the link', () => {
    expect(readSetPasswordCode('#code=abc_DEF-123', '')).toBe('abc_DEF-123');
  });
  it('falls back to the query string', () => {
    expect(readSetPasswordCode('', '?code=xyz')).toBe('xyz');
    expect(readSetPasswordCode('#other=1', '?code=xyz')).toBe('xyz');
  });
  it('finds nothing in an incomplete link', () => {
    expect(readSetPasswordCode('', '')).toBeNull();
    expect(readSetPasswordCode('#code=', '')).toBeNull();
  });
});
