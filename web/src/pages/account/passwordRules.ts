// The password rules the server enforces (at least 12 characters, not a
// common password), checked here first where they can be.
import type { FieldError } from '../../api/problem';

export const minPasswordLength = 12;

export const passwordHint =
  'At least 12 characters. Three or four random words together are easy to remember and hard to guess.';

/**
 * checkNewPassword checks a new password and its confirmation. `field` and
 * `confirmField` are the ids of the two inputs.
 */
export function checkNewPassword(password: string, confirm: string, field: string, confirmField: string): FieldError[] {
  const errors: FieldError[] = [];
  if (password === '') errors.push({ field, message: 'Enter a new password' });
  else if ([...password].length < minPasswordLength)
    errors.push({ field, message: `Your new password must be at least ${minPasswordLength} characters` });
  else if (confirm === '') errors.push({ field: confirmField, message: 'Enter your new password again' });
  else if (confirm !== password) errors.push({ field: confirmField, message: 'The passwords do not match' });
  return errors;
}
