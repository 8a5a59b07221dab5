import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { NavRoute } from './lib/navigation';

/** PageProps are given to every page: its title, as listed below. */
export interface PageProps {
  title: string;
}

export interface AppRoute extends NavRoute {
  /** Page title: the document title and, for placeholders, the heading. */
  title: string;
  Page: LazyExoticComponent<ComponentType<PageProps>>;
}

/**
 * appRoutes lists every page inside the signed-in layout. To add a page,
 * write src/pages/YourPage.tsx (default export, taking PageProps) and add
 * one line here; `nav` puts it in the header for users who hold
 * `permission` (omit `permission` for any signed-in user). Order is the
 * navigation order.
 */
export const appRoutes: readonly AppRoute[] = [
  { path: '/', title: 'Home', Page: lazy(() => import('./pages/dashboard/HomeRoute')) },
  { path: '/dashboard', title: 'Dashboard', permission: 'dashboard.read', nav: { label: 'Dashboard', summary: 'Compliance with every standard, trends and overdue actions.' }, Page: lazy(() => import('./pages/dashboard/DashboardPage')) },
  { path: '/dashboard/print', title: 'Printable summary', permission: 'dashboard.read', Page: lazy(() => import('./pages/dashboard/PrintSummaryPage')) },
  { path: '/suppliers', title: 'Suppliers', permission: 'dashboard.read', Page: lazy(() => import('./pages/suppliers/SuppliersPage')) },
  { path: '/suppliers/:name', title: 'Supplier', permission: 'dashboard.read', Page: lazy(() => import('./pages/suppliers/SupplierPage')) },
  { path: '/owners', title: 'Accountability', permission: 'dashboard.read', Page: lazy(() => import('./pages/accountability/OwnersPage')) },
  { path: '/owners/:id', title: 'Accountable owner', permission: 'dashboard.read', Page: lazy(() => import('./pages/accountability/OwnerPage')) },
  { path: '/transparency', title: 'Transparency report', permission: 'dashboard.read', Page: lazy(() => import('./pages/transparency/TransparencyPage')) },
  { path: '/report', title: 'Report an IT problem', permission: 'issues.create', nav: { label: 'Report an IT problem', summary: 'Tell us when IT got in the way of care. It takes under a minute.' }, Page: lazy(() => import('./pages/issues/ReportPage')) },
  { path: '/my-reports', title: 'My reports', permission: 'issues.create', nav: { label: 'My reports', summary: 'See what happened to the problems you reported.' }, Page: lazy(() => import('./pages/issues/MyReportsPage')) },
  { path: '/triage', title: 'Triage', permission: 'issues.triage', nav: { label: 'Triage', summary: 'Review new reports, group them into problems and link them to standards.' }, Page: lazy(() => import('./pages/issues/TriagePage')) },
  { path: '/reports/:id', title: 'Report', permission: 'issues.create', Page: lazy(() => import('./pages/issues/IssuePage')) },
  { path: '/problems', title: 'Problems', permission: 'issues.read_all', Page: lazy(() => import('./pages/issues/ProblemsPage')) },
  { path: '/problems/:id', title: 'Problem', permission: 'issues.create', Page: lazy(() => import('./pages/issues/ProblemPage')) },
  { path: '/standards', title: 'Standards', permission: 'standards.read', nav: { label: 'Standards', summary: 'The IT minimum standards, their thresholds and how each is performing.' }, Page: lazy(() => import('./pages/standards/StandardsPage')) },
  { path: '/standards/new', title: 'Add a standard', permission: 'standards.manage', Page: lazy(() => import('./pages/standards/StandardFormPage')) },
  { path: '/standards/:id', title: 'Standard', permission: 'standards.read', Page: lazy(() => import('./pages/standards/StandardPage')) },
  { path: '/standards/:id/edit', title: 'Change a standard', permission: 'standards.read', Page: lazy(() => import('./pages/standards/StandardFormPage')) },
  { path: '/measurements/upload', title: 'Measurements upload', permission: 'measurements.write', nav: { label: 'Measurements upload', summary: 'Record or import measured performance against the standards.' }, Page: lazy(() => import('./pages/measurements/MeasurementsUploadPage')) },
  { path: '/cycles', title: 'Cycles', permission: 'cycles.read', nav: { label: 'Cycles', summary: 'Plan, do, study, act: the improvement cycles under way.' }, Page: lazy(() => import('./pages/cycles/CyclesBoardPage')) },
  { path: '/cycles/new', title: 'Plan a cycle', permission: 'cycles.manage', Page: lazy(() => import('./pages/cycles/NewCyclePage')) },
  { path: '/cycles/:id', title: 'Cycle', permission: 'cycles.read', Page: lazy(() => import('./pages/cycles/CyclePage')) },
  { path: '/actions', title: 'Actions', permission: 'actions.read', nav: { label: 'Actions', summary: 'Improvement actions, their owners and due dates.' }, Page: lazy(() => import('./pages/actions/ActionsPage')) },
  { path: '/actions/new', title: 'Add an action', permission: 'actions.manage', Page: lazy(() => import('./pages/actions/NewActionPage')) },
  { path: '/actions/:id', title: 'Action', permission: 'actions.read', Page: lazy(() => import('./pages/actions/ActionPage')) },
  { path: '/reviews', title: 'Board reviews', permission: 'reviews.read', nav: { label: 'Board reviews', summary: 'Governance meetings, decisions and board packs.' }, Page: lazy(() => import('./pages/reviews/ReviewsPage')) },
  { path: '/reviews/:id', title: 'Board review', permission: 'reviews.read', Page: lazy(() => import('./pages/reviews/ReviewPage')) },
  { path: '/reviews/:id/pack', title: 'Board pack', permission: 'reviews.read', Page: lazy(() => import('./pages/reviews/BoardPackPage')) },
  { path: '/audit', title: 'Audit log', permission: 'audit.read', nav: { label: 'Audit log', summary: 'Every change: who made it, when, and what it was before and after.' }, Page: lazy(() => import('./pages/audit/AuditPage')) },
  { path: '/admin/users', title: 'Users', permission: 'users.manage', nav: { label: 'Users', summary: 'Invite people, set their roles, deactivate accounts.' }, Page: lazy(() => import('./pages/admin/UsersPage')) },
  { path: '/admin/users/new', title: 'Add a user', permission: 'users.manage', Page: lazy(() => import('./pages/admin/NewUserPage')) },
  { path: '/admin/users/:id', title: 'User', permission: 'users.manage', Page: lazy(() => import('./pages/admin/UserPage')) },
  { path: '/admin/tokens', title: 'API tokens', permission: 'tokens.manage', nav: { label: 'API tokens', summary: 'Tokens that let monitoring systems send measurements.' }, Page: lazy(() => import('./pages/admin/TokensPage')) },
  { path: '/admin/tokens/new', title: 'Create an API token', permission: 'tokens.manage', Page: lazy(() => import('./pages/admin/NewTokenPage')) },
  { path: '/admin/sites-systems', title: 'Sites & systems', permission: 'standards.manage', nav: { label: 'Sites & systems', summary: 'Hospital sites, the IT systems they use and who owns them.' }, Page: lazy(() => import('./pages/sites/SitesAndSystemsPage')) },
  { path: '/systems', title: 'IT systems', permission: 'standards.read', Page: lazy(() => import('./pages/systems/SystemsPage')) },
  { path: '/systems/new', title: 'Add a system', permission: 'sites.manage', Page: lazy(() => import('./pages/systems/SystemFormPage')) },
  { path: '/systems/:id', title: 'IT system', permission: 'standards.read', Page: lazy(() => import('./pages/systems/SystemPage')) },
  { path: '/systems/:id/edit', title: 'Change a system', permission: 'sites.manage', Page: lazy(() => import('./pages/systems/SystemFormPage')) },
  { path: '/sites', title: 'Sites', permission: 'standards.read', Page: lazy(() => import('./pages/sites/SitesPage')) },
  { path: '/sites/new', title: 'Add a site', permission: 'sites.manage', Page: lazy(() => import('./pages/sites/SiteFormPage')) },
  { path: '/sites/:id', title: 'Site', permission: 'standards.read', Page: lazy(() => import('./pages/sites/SitePage')) },
  { path: '/sites/:id/edit', title: 'Change a site', permission: 'sites.manage', Page: lazy(() => import('./pages/sites/SiteFormPage')) },
  { path: '/spc', title: 'SPC calculator', nav: { label: 'SPC calculator', summary: 'Paste a series of values and see its statistical process control chart.' }, Page: lazy(() => import('./pages/spc/SpcCalculatorPage')) },
  { path: '/account/password', title: 'Change your password', Page: lazy(() => import('./pages/account/ChangePasswordPage')) },
];
