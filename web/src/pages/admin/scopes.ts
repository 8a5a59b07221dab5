// What each API token scope lets a machine do, in plain words.

const scopeNames: Record<string, string> = {
  'measurements:write': 'Send measurements',
};

/** describeScope names a scope in words; unknown scopes are shown as they are. */
export function describeScope(scope: string): string {
  return scopeNames[scope] ?? scope;
}
