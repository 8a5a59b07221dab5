import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { allRoles, useUsers, type Role, type UserFilters } from '../../api/admin';
import { ProblemError } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import TextInput from '../../components/TextInput';
import { describeRole } from '../../lib/roles';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import UsersTable from './UsersTable';

type Status = '' | 'active' | 'deactivated';

function readFilters(params: URLSearchParams): { q: string; role: Role | ''; status: Status } {
  const role = params.get('role') ?? '';
  const status = params.get('status') ?? '';
  return {
    q: params.get('q') ?? '',
    role: (allRoles as readonly string[]).includes(role) ? (role as Role) : '',
    status: status === 'active' || status === 'deactivated' ? status : '',
  };
}

/** UsersPage lists and searches the people who can sign in to Assure. */
export default function UsersPage({ title }: PageProps) {
  const [params, setParams] = useSearchParams();
  const current = readFilters(params);
  const [form, setForm] = useState(current);
  // Back and forward change the address: show the search it holds.
  const paramsKey = params.toString();
  const [shownKey, setShownKey] = useState(paramsKey);
  if (shownKey !== paramsKey) {
    setShownKey(paramsKey);
    setForm(current);
  }
  const filters: UserFilters = {};
  if (current.q.trim()) filters.q = current.q.trim();
  if (current.role) filters.role = current.role;
  if (current.status) filters.active = current.status === 'active';
  const users = useUsers(filters);
  const problem = users.error instanceof ProblemError ? users.error.problem : null;
  usePageTitle(title, problem !== null);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (form.q.trim()) next.set('q', form.q.trim());
    if (form.role) next.set('role', form.role);
    if (form.status) next.set('status', form.status);
    setParams(next);
  }

  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      {problem && <ErrorSummary problem={problem} />}
      <h1>{title}</h1>
      <p>Everyone who can sign in to Assure, and what their roles let them do.</p>
      <Link className="nhsuk-button" to="/admin/users/new">
        Add a user
      </Link>

      <form className="app-filters" role="search" aria-label="Users" onSubmit={search} noValidate>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <TextInput
              id="q"
              label="Name or email address"
              type="search"
              spellCheck={false}
              value={form.q}
              onChange={(e) => setForm({ ...form, q: e.target.value })}
            />
          </div>
          <div className="nhsuk-grid-column-one-quarter">
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="role">
                Role
              </label>
              <select
                className="nhsuk-select app-select-full"
                id="role"
                name="role"
                value={form.role}
                onChange={(e) => setForm({ ...form, role: e.target.value as Role | '' })}
              >
                <option value="">Any role</option>
                {allRoles.map((r) => (
                  <option key={r} value={r}>
                    {describeRole(r).name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="nhsuk-grid-column-one-quarter">
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="status">
                Status
              </label>
              <select
                className="nhsuk-select app-select-full"
                id="status"
                name="status"
                value={form.status}
                onChange={(e) => setForm({ ...form, status: e.target.value as Status })}
              >
                <option value="">Active or deactivated</option>
                <option value="active">Active</option>
                <option value="deactivated">Deactivated</option>
              </select>
            </div>
          </div>
        </div>
        <div className="nhsuk-button-group">
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Search
          </button>
          {filtered && (
            <Link className="nhsuk-link" to="/admin/users">
              Clear search
            </Link>
          )}
        </div>
      </form>

      {users.isPending && <LoadingMessage text="Loading users…" />}
      {users.isSuccess && (
        <>
          <p role="status" className="nhsuk-body-s">
            {items.length === 0
              ? filtered
                ? 'No users match your search.'
                : 'There are no users yet.'
              : `Showing ${items.length} ${items.length === 1 ? 'user' : 'users'}${users.hasNextPage ? ' – there are more' : ''}.`}
          </p>
          {items.length > 0 && <UsersTable users={items} />}
          {users.hasNextPage && (
            <button
              className="nhsuk-button nhsuk-button--secondary"
              type="button"
              disabled={users.isFetchingNextPage}
              onClick={() => void users.fetchNextPage()}
            >
              {users.isFetchingNextPage ? 'Loading more users…' : 'Show more users'}
            </button>
          )}
        </>
      )}
    </>
  );
}
