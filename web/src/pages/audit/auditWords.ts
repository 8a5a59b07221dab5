// Plain words for what the audit trail records: actions and the kinds of
// thing that change.

/** The kinds of thing the audit trail records changes to, as the filter lists them. */
export const entityTypes: readonly { value: string; label: string; singular: string }[] = [
  { value: 'user', label: 'Users', singular: 'User' },
  { value: 'api_token', label: 'API tokens', singular: 'API token' },
  { value: 'session', label: 'Sign-in sessions', singular: 'Sign-in session' },
  { value: 'standard', label: 'Standards', singular: 'Standard' },
  { value: 'standard_revision', label: 'Standard revisions', singular: 'Standard revision' },
  { value: 'standard_exception', label: 'Standard exceptions', singular: 'Standard exception' },
  { value: 'standard_rebase', label: 'Standard rebases', singular: 'Standard rebase' },
  { value: 'site', label: 'Sites', singular: 'Site' },
  { value: 'system', label: 'Systems', singular: 'System' },
  { value: 'measurements', label: 'Measurements', singular: 'Measurements' },
  { value: 'issue', label: 'Reported IT problems', singular: 'Reported IT problem' },
  { value: 'problem', label: 'Problems (grouped reports)', singular: 'Problem' },
  { value: 'cycle', label: 'Improvement cycles', singular: 'Improvement cycle' },
  { value: 'action', label: 'Improvement actions', singular: 'Improvement action' },
  { value: 'review', label: 'Board reviews', singular: 'Board review' },
];

function sentence(words: string): string {
  const s = words.replace(/_/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** entityLabel is the singular name of a kind of thing: "api_token" is "API token". */
export function entityLabel(type: string): string {
  return entityTypes.find((t) => t.value === type)?.singular ?? sentence(type);
}

const actions: Record<string, string> = {
  'user.created': 'User added',
  'user.updated': 'Name changed',
  'user.roles_changed': 'Roles changed',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'user.password_reset': 'Password reset by an administrator',
  'user.password_set': 'Password set from a link',
  'user.password_changed': 'Password changed',
  'auth.login': 'Signed in',
  'auth.login_failed': 'Sign-in refused',
  'auth.logout': 'Signed out',
  'auth.refresh_reused': 'Sessions ended: an old sign-in token was used again',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
};

/**
 * describeAction says what an action did: "user.roles_changed" is "Roles
 * changed"; an action this list does not know, such as
 * "standard.exception_approved", becomes "Standard: exception approved".
 */
export function describeAction(action: string): string {
  const known = actions[action];
  if (known) return known;
  const dot = action.indexOf('.');
  if (dot < 0) return sentence(action);
  return `${sentence(action.slice(0, dot))}: ${action.slice(dot + 1).replace(/_/g, ' ')}`;
}
