// What the header navigation shows: the routes a user's permissions open,
// and how many of them fit on one line before the rest go under "More".

/** NavRoute is the part of a route definition the navigation needs. */
export interface NavRoute {
  path: string;
  /** Permission the route needs; undefined means any signed-in user. */
  permission?: string;
  nav?: { label: string; summary: string };
}

export interface NavItem {
  label: string;
  to: string;
  summary: string;
}

/** canAccess reports whether a user holding `permissions` may open `route`. */
export function canAccess(route: Pick<NavRoute, 'permission'>, permissions: readonly string[]): boolean {
  return route.permission === undefined || permissions.includes(route.permission);
}

/**
 * navFor lists, in route order, the navigation items that `permissions`
 * open. A label appears once even if two routes share it.
 */
export function navFor(routes: readonly NavRoute[], permissions: readonly string[]): NavItem[] {
  const seen = new Set<string>();
  const items: NavItem[] = [];
  for (const r of routes) {
    if (!r.nav || !canAccess(r, permissions) || seen.has(r.nav.label)) continue;
    seen.add(r.nav.label);
    items.push({ label: r.nav.label, to: r.path, summary: r.nav.summary });
  }
  return items;
}

/**
 * fitNavigation returns how many items, laid side by side with the given
 * widths, fit in `listWidth`. When they do not all fit, room is kept for
 * the "More" button (`menuWidth`) and the rest move into its menu — the same
 * rule as nhsuk-frontend's header script. A zero width (nothing measured
 * yet, or no layout as in tests) shows every item.
 */
export function fitNavigation(itemWidths: readonly number[], listWidth: number, menuWidth: number): number {
  if (listWidth <= 0) return itemWidths.length;
  let right = 0;
  const rights = itemWidths.map((w) => (right += w));
  if (right <= listWidth) return itemWidths.length;
  const available = listWidth - menuWidth;
  let count = 0;
  while (count < rights.length && (rights[count] ?? Infinity) <= available) count++;
  return count;
}

/** isCurrent reports whether a nav item is the section the user is in. */
export function isCurrent(itemPath: string, pathname: string): boolean {
  if (itemPath === '/') return pathname === '/';
  return pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}
