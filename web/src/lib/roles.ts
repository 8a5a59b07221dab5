// Plain-English descriptions of Assure's roles (see DESIGN.md, "Users").

export interface RoleDescription {
  name: string;
  canDo: string;
}

const roles: Record<string, RoleDescription> = {
  clinician: {
    name: 'Clinician',
    canDo: 'Report an IT problem that affected care, in under a minute, and see what happened to your reports.',
  },
  improver: {
    name: 'Improver',
    canDo: 'Triage reported problems, record measurements, and run PDSA cycles and improvement actions.',
  },
  board: {
    name: 'Board member',
    canDo: 'Review improvement cycles and their evidence, record decisions and export board packs.',
  },
  executive: {
    name: 'Executive',
    canDo: 'See compliance with every IT standard, trends and overdue actions at a glance.',
  },
  admin: {
    name: 'Administrator',
    canDo: 'Manage users, API tokens, sites, systems and the standards catalogue.',
  },
};

/** describeRole explains a role; unknown roles are shown by their name. */
export function describeRole(role: string): RoleDescription {
  return roles[role] ?? { name: role.charAt(0).toUpperCase() + role.slice(1), canDo: '' };
}

const honorifics = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sir', 'dame', 'rev']);

/** firstName is the name to greet someone by: "Dr Priya Shah" is "Priya". */
export function firstName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  const name = words.find((w, i) => i === words.length - 1 || !honorifics.has(w.replace(/\.$/, '').toLowerCase()));
  return name ?? fullName.trim();
}
