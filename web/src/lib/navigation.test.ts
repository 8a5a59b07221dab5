import { describe, expect, it } from 'vitest';
import { appRoutes } from '../routes';
import { canAccess, fitNavigation, isCurrent, navFor } from './navigation';

// The brief's table: each navigation item and the permission it needs.
const table: [label: string, permission: string | null][] = [
  ['Dashboard', 'dashboard.read'],
  ['Report an IT problem', 'issues.create'],
  ['My reports', 'issues.create'],
  ['Triage', 'issues.triage'],
  ['Standards', 'standards.read'],
  ['Measurements upload', 'measurements.write'],
  ['Cycles', 'cycles.read'],
  ['Actions', 'actions.read'],
  ['Board reviews', 'reviews.read'],
  ['Audit log', 'audit.read'],
  ['Users', 'users.manage'],
  ['API tokens', 'tokens.manage'],
  ['Sites & systems', 'standards.manage'],
  ['SPC calculator', null],
];

function labels(permissions: string[]): string[] {
  return navFor(appRoutes, permissions).map((i) => i.label);
}

describe('navFor with the app routes', () => {
  it('gives a user with no permissions only the SPC calculator', () => {
    expect(labels([])).toEqual(['SPC calculator']);
  });

  it('gives a user holding every permission every item, in table order', () => {
    const all = table.flatMap(([, p]) => (p ? [p] : []));
    expect(labels(all)).toEqual(table.map(([l]) => l));
  });

  it.each(table.filter(([, p]) => p !== null))('shows %s only to holders of %s', (label, permission) => {
    expect(labels([permission as string])).toContain(label);
    const others = table.flatMap(([, p]) => (p && p !== permission ? [p] : []));
    expect(labels(others)).not.toContain(label);
  });

  it('shapes a clinician’s navigation to reporting problems', () => {
    expect(labels(['issues.create'])).toEqual(['Report an IT problem', 'My reports', 'SPC calculator']);
  });

  it('sends "Report an IT problem" to /report', () => {
    expect(navFor(appRoutes, ['issues.create']).find((i) => i.label === 'Report an IT problem')?.to).toBe('/report');
  });

  it('ignores permissions it has no page for', () => {
    expect(labels(['no.such.permission'])).toEqual(['SPC calculator']);
  });

  it('lists each route path once', () => {
    const paths = appRoutes.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('navFor', () => {
  it('lists a label once even if two routes share it', () => {
    const routes = [
      { path: '/a', nav: { label: 'A', summary: '' } },
      { path: '/a/again', nav: { label: 'A', summary: '' } },
    ];
    expect(navFor(routes, []).map((i) => i.to)).toEqual(['/a']);
  });
});

describe('canAccess', () => {
  it('opens a route without a permission to anyone signed in', () => {
    expect(canAccess({}, [])).toBe(true);
  });
  it('needs the named permission otherwise', () => {
    expect(canAccess({ permission: 'audit.read' }, ['users.manage'])).toBe(false);
    expect(canAccess({ permission: 'audit.read' }, ['audit.read'])).toBe(true);
  });
});

describe('fitNavigation', () => {
  it('shows every item that fits', () => {
    expect(fitNavigation([100, 100, 100], 300, 80)).toBe(3);
  });
  it('keeps room for the More button once anything overflows', () => {
    // 300 do not fit in 250; with 80 for "More", 170 is left: one item.
    expect(fitNavigation([100, 100, 100], 250, 80)).toBe(1);
  });
  it('can put everything under More on a narrow screen', () => {
    expect(fitNavigation([200, 200], 250, 80)).toBe(0);
  });
  it('shows everything before anything has been measured', () => {
    expect(fitNavigation([100, 100], 0, 0)).toBe(2);
  });
});

describe('isCurrent', () => {
  it('marks a section current on its own pages', () => {
    expect(isCurrent('/standards', '/standards')).toBe(true);
    expect(isCurrent('/standards', '/standards/AV-01')).toBe(true);
  });
  it('does not confuse sections that share a prefix', () => {
    expect(isCurrent('/report', '/reports')).toBe(false);
  });
  it('marks home current only on the home page', () => {
    expect(isCurrent('/', '/standards')).toBe(false);
    expect(isCurrent('/', '/')).toBe(true);
  });
});
