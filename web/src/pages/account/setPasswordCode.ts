/**
 * readSetPasswordCode finds the code in a set-password link. The API gives
 * out `/set-password#code=…` (the fragment never reaches a server or its
 * logs); `?code=…` is read too, in case a mail system moved it.
 */
export function readSetPasswordCode(hash: string, search: string): string | null {
  const fromHash = new URLSearchParams(hash.replace(/^#/, '')).get('code');
  const code = fromHash ?? new URLSearchParams(search).get('code');
  const trimmed = code?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
