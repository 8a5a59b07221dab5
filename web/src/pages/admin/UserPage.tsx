import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  useResetPassword,
  useUpdateUser,
  useUser,
  type Role,
  type SetPasswordLink,
  type User,
} from '../../api/admin';
import { ProblemError, validationProblem, type Problem } from '../../api/problem';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { formatDateTime } from '../audit/dates';
import BackLink from './BackLink';
import ConfirmAction from './ConfirmAction';
import { explainProblem } from './explainProblem';
import RoleCheckboxes from './RoleCheckboxes';
import RoleTags from './RoleTags';
import SetPasswordLinkCallout from './SetPasswordLinkCallout';
import SuccessBanner from './SuccessBanner';
import UserStatusTag from './UserStatusTag';

type View = 'user' | 'deactivate' | 'reset';

const labels = { roles: 'Each role', name: 'Name' };

/** UserPage shows one user and lets an admin change their roles, reset their password or deactivate them. */
export default function UserPage({ title }: PageProps) {
  const { id = '' } = useParams();
  const user = useUser(id);
  const { data: me } = useMe();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [view, setView] = useState<View>('user');
  const [roles, setRoles] = useState<Role[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [link, setLink] = useState<SetPasswordLink | null>(null);
  // After "No, go back", focus returns to the button that asked.
  const returnFocus = useRef<string | null>(null);
  useEffect(() => {
    if (view !== 'user' || !returnFocus.current) return;
    document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [view]);

  // Show the roles the user holds now whenever a new version of them loads.
  const [seenVersion, setSeenVersion] = useState<string | null>(null);
  const version = user.data ? `${user.data.id}@${user.data.version}` : null;
  if (user.data && version !== seenVersion) {
    setSeenVersion(version);
    setRoles([...user.data.roles]);
  }

  const u = user.data;
  const question =
    view === 'deactivate' ? `Deactivate ${u?.name ?? 'this user'}?` : view === 'reset' ? `Reset ${u?.name ?? 'this user'}’s password?` : null;
  const loadProblem = user.error instanceof ProblemError ? user.error.problem : null;
  usePageTitle(question ?? u?.name ?? title, problem !== null || loadProblem !== null);

  if (user.isPending) return <LoadingMessage text="Loading user…" />;
  if (!u) {
    return (
      <>
        <BackLink to="/admin/users">Back to users</BackLink>
        {loadProblem?.status === 404 ? (
          <>
            <h1>User not found</h1>
            <p>There is no user at this address. They may have been listed under a different link.</p>
            <p>
              <Link to="/admin/users">Find them in the list of users</Link>
            </p>
          </>
        ) : (
          <>
            {loadProblem && <ErrorSummary problem={loadProblem} />}
            <h1>{title}</h1>
          </>
        )}
      </>
    );
  }
  const current: User = u;
  const isMe = me?.id === current.id;

  function fail(err: ProblemError) {
    setNotice(null);
    setProblem(explainProblem(err.problem, labels));
  }

  function saveRoles(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (roles.length === 0) {
      setProblem(validationProblem([{ field: 'roles', message: 'Select at least one role' }]));
      return;
    }
    update.mutate(
      { user: current, changes: { roles } },
      {
        onSuccess: (saved) => {
          setProblem(null);
          setNotice(`${saved.name}’s roles are saved`);
        },
        onError: fail,
      },
    );
  }

  function setActive(active: boolean) {
    update.mutate(
      { user: current, changes: { active } },
      {
        onSuccess: (saved) => {
          setProblem(null);
          setView('user');
          setNotice(
            active
              ? `${saved.name} is reactivated and can sign in again`
              : `${saved.name} is deactivated and can no longer sign in`,
          );
        },
        onError: fail,
      },
    );
  }

  function resetPassword() {
    reset.mutate(current.id, {
      onSuccess: (l) => {
        setProblem(null);
        setView('user');
        setLink(l);
        setNotice(`${current.name}’s password is reset`);
      },
      onError: fail,
    });
  }

  function back() {
    setProblem(null);
    returnFocus.current = view === 'reset' ? 'reset-password' : 'deactivate';
    setView('user');
  }

  if (view === 'deactivate') {
    return (
      <ConfirmAction
        question={question ?? ''}
        confirmLabel="Yes, deactivate"
        busyLabel="Deactivating…"
        busy={update.isPending}
        problem={problem}
        onConfirm={() => setActive(false)}
        onCancel={back}
      >
        <p>
          {current.name} ({current.email}) will be signed out everywhere straight away and will not be able to sign in.
        </p>
        {isMe && (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>This is your own account. You will be signed out.</p>
          </div>
        )}
        <p>What they reported and recorded stays in Assure. You can reactivate them later.</p>
      </ConfirmAction>
    );
  }
  if (view === 'reset') {
    return (
      <ConfirmAction
        question={question ?? ''}
        confirmLabel="Yes, reset password"
        busyLabel="Resetting password…"
        busy={reset.isPending}
        problem={problem}
        onConfirm={resetPassword}
        onCancel={back}
      >
        <p>
          Their current password will stop working and they will be signed out everywhere. You will get a link to send
          them, so they can choose a new password.
        </p>
      </ConfirmAction>
    );
  }

  return (
    <>
      <BackLink to="/admin/users">Back to users</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} options={{ fallbackField: 'roles' }} />}
          {notice && !problem && <SuccessBanner heading={notice} />}
          {link && <SetPasswordLinkCallout link={link} name={current.name} />}
          <h1>
            <span className="nhsuk-caption-l">User</span>
            {current.name}
          </h1>
          <dl className="nhsuk-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Email address</dt>
              <dd className="nhsuk-summary-list__value app-break-anywhere">{current.email}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Roles</dt>
              <dd className="nhsuk-summary-list__value">
                <RoleTags roles={current.roles} />
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Status</dt>
              <dd className="nhsuk-summary-list__value">
                <UserStatusTag user={current} />
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Password</dt>
              <dd className="nhsuk-summary-list__value">
                {current.has_password ? 'Set' : 'Not set yet: they need to use their set-password link'}
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Added</dt>
              <dd className="nhsuk-summary-list__value">{formatDateTime(current.created_at)}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Last changed</dt>
              <dd className="nhsuk-summary-list__value">{formatDateTime(current.updated_at)}</dd>
            </div>
          </dl>
          {me?.permissions.includes('audit.read') && (
            <p>
              <Link to={`/audit?entity_type=user&entity_id=${encodeURIComponent(current.id)}`}>
                See the history of this user in the audit log
              </Link>
            </p>
          )}

          <form onSubmit={saveRoles} noValidate>
            <RoleCheckboxes
              id="roles"
              legend="Roles"
              asHeading
              value={roles}
              error={problem?.errors?.find((e) => e.field === 'roles')?.message}
              onChange={setRoles}
            />
            <button className="nhsuk-button" type="submit" disabled={update.isPending}>
              {update.isPending ? 'Saving…' : 'Save roles'}
            </button>
          </form>

          <h2>Password</h2>
          {current.active ? (
            <>
              <p>
                If they have forgotten their password, or it may be known to someone else, reset it. You will get a link
                to send them.
              </p>
              <button
                className="nhsuk-button nhsuk-button--secondary"
                id="reset-password"
                type="button"
                onClick={() => {
                  setProblem(null);
                  setView('reset');
                }}
              >
                Reset password
              </button>
            </>
          ) : (
            <p>Reactivate {current.name} before you reset their password.</p>
          )}

          <h2>Access to Assure</h2>
          {current.active ? (
            <>
              <p>Deactivate the account of someone who has left or no longer needs Assure. They will be signed out at once.</p>
              <button
                className="nhsuk-button nhsuk-button--warning"
                id="deactivate"
                type="button"
                onClick={() => {
                  setProblem(null);
                  setView('deactivate');
                }}
              >
                Deactivate account
              </button>
            </>
          ) : (
            <>
              <p>This account is deactivated: {current.name} cannot sign in.</p>
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                disabled={update.isPending}
                onClick={() => setActive(true)}
              >
                {update.isPending ? 'Reactivating…' : 'Reactivate account'}
              </button>
            </>
          )}
        </div>
      </div>
    </>
  );
}
