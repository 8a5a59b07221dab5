import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { fieldMessages, validationProblem, type FieldError, type Problem } from '../api/problem';
import { useLogin } from '../api/useLogin';
import { useSession } from '../api/useSession';
import ErrorSummary from '../components/ErrorSummary';
import PageShell from '../components/PageShell';
import PasswordInput from '../components/PasswordInput';
import TextInput from '../components/TextInput';
import { safeRedirect } from '../lib/safeRedirect';
import { usePageTitle } from '../lib/usePageTitle';

function validate(email: string, password: string): Problem | null {
  const errors: FieldError[] = [];
  if (email.trim() === '') errors.push({ field: 'email', message: 'Enter your email address' });
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
    errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.nhs.uk' });
  if (password === '') errors.push({ field: 'password', message: 'Enter your password' });
  return errors.length > 0 ? validationProblem(errors) : null;
}

// Plain words for the refusals a sign-in can meet; field errors and
// anything else keep the server's own explanation.
function explain(problem: Problem): Problem {
  if (problem.status === 401) return { ...problem, detail: 'Your email address or password is not correct' };
  if (problem.status === 429) return { ...problem, detail: 'You have tried to sign in too many times.' };
  return problem;
}

/** LoginPage is where everyone signs in. */
export default function LoginPage() {
  const { status, reason } = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const state: unknown = location.state;
  const from = safeRedirect(typeof state === 'object' && state !== null && 'from' in state ? state.from : undefined);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle('Sign in', problem !== null);

  if (status === 'signed-in' && login.isIdle) return <Navigate to={from} replace />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = validate(email, password);
    if (invalid) {
      setProblem(invalid);
      return;
    }
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: () => navigate(from, { replace: true }),
        onError: (err) => {
          setProblem(explain(err.problem));
          setPassword('');
        },
      },
    );
  }

  const inline = fieldMessages(problem);
  return (
    <PageShell>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} options={{ fallbackField: 'email' }} />}
          {!problem && reason === 'expired' && (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>Your session has ended. Sign in again to carry on.</p>
            </div>
          )}
          {!problem && reason === 'signed-out' && (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>You have signed out.</p>
            </div>
          )}
          <h1>Sign in to Assure</h1>
          <p>Use the email address and password for your Assure account.</p>
          <form onSubmit={submit} noValidate>
            <TextInput
              id="email"
              label="Email address"
              type="email"
              autoComplete="username"
              spellCheck={false}
              value={email}
              error={inline.email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <PasswordInput
              id="password"
              label="Password"
              autoComplete="current-password"
              value={password}
              error={inline.password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button className="nhsuk-button" type="submit" disabled={login.isPending}>
              {login.isPending ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
          <p>If you have forgotten your password, ask the Assure administrator in your organisation to reset it.</p>
        </div>
      </div>
    </PageShell>
  );
}
