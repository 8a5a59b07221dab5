import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useSetPassword } from '../../api/admin';
import { fieldMessages, validationProblem, type Problem } from '../../api/problem';
import { useLogout } from '../../api/useLogout';
import { useSession } from '../../api/useSession';
import ErrorSummary from '../../components/ErrorSummary';
import PageShell from '../../components/PageShell';
import PasswordInput from '../../components/PasswordInput';
import { usePageTitle } from '../../lib/usePageTitle';
import { explainProblem } from '../admin/explainProblem';
import { checkNewPassword, passwordHint } from './passwordRules';
import { readSetPasswordCode } from './setPasswordCode';

// The code has no input of its own: an error about it is said in words,
// with no link (a link to "#code" would also overwrite the code in the
// address).
function explain(problem: Problem): Problem {
  const codeError = problem.errors?.find((e) => e.field === 'code');
  if (codeError) {
    return {
      ...problem,
      errors: undefined,
      detail:
        'This link has expired or has already been used. Ask the Assure administrator in your organisation for a new one.',
    };
  }
  return explainProblem(problem, { password: 'Your new password' });
}

/**
 * SetPasswordPage is where a set-password link leads: someone invited to
 * Assure, or whose password an administrator reset, chooses a password.
 * The link is `/set-password#code=…`; the code stays in the fragment, which
 * browsers never send to a server.
 */
export default function SetPasswordPage() {
  const location = useLocation();
  const code = readSetPasswordCode(location.hash, location.search);
  const setPassword = useSetPassword();
  const { status } = useSession();
  const logout = useLogout();
  const [password, setPasswordValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  usePageTitle(done ? 'Your password is set' : code ? 'Set your password' : 'This link is not complete', problem !== null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = checkNewPassword(password, confirm, 'password', 'confirm_password');
    if (errors.length > 0) {
      setProblem(validationProblem(errors));
      return;
    }
    setPassword.mutate(
      { code: code ?? '', password },
      {
        onSuccess: () => {
          setProblem(null);
          setDone(true);
          setPasswordValue('');
          setConfirm('');
          // Whoever is signed in on this browser is not necessarily the
          // person who now has a password: sign them out so that "Sign in"
          // starts afresh.
          if (status === 'signed-in') logout.mutate();
        },
        onError: (err) => setProblem(explain(err.problem)),
      },
    );
  }

  if (!code) {
    return (
      <PageShell>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h1>This link is not complete</h1>
            <p>
              The link to set your password should end with a long code. Check you copied all of it from the message
              you were sent, then try again.
            </p>
            <p>If it still does not work, ask the Assure administrator in your organisation for a new link.</p>
          </div>
        </div>
      </PageShell>
    );
  }

  if (done) {
    return (
      <PageShell>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <div className="nhsuk-panel">
              <h1 className="nhsuk-panel__heading">Your password is set</h1>
              <div className="nhsuk-panel__body">You can now sign in to Assure with your email address and new password.</div>
            </div>
            <Link className="nhsuk-button" to="/login" replace>
              Sign in
            </Link>
          </div>
        </div>
      </PageShell>
    );
  }

  const inline = fieldMessages(problem);
  return (
    <PageShell>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} />}
          <h1>Set your password</h1>
          <p>Choose the password you will use to sign in to Assure. This link works once.</p>
          <form onSubmit={submit} noValidate>
            <PasswordInput
              id="password"
              label="New password"
              hint={passwordHint}
              autoComplete="new-password"
              value={password}
              error={inline.password}
              onChange={(e) => setPasswordValue(e.target.value)}
            />
            <PasswordInput
              id="confirm_password"
              label="Confirm new password"
              autoComplete="new-password"
              value={confirm}
              error={inline.confirm_password}
              onChange={(e) => setConfirm(e.target.value)}
            />
            <button className="nhsuk-button" type="submit" disabled={setPassword.isPending}>
              {setPassword.isPending ? 'Setting password…' : 'Set password'}
            </button>
          </form>
        </div>
      </div>
    </PageShell>
  );
}
