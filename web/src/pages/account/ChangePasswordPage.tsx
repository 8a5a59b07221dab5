import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useChangePassword } from '../../api/admin';
import { fieldMessages, validationProblem, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import PasswordInput from '../../components/PasswordInput';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { explainProblem } from '../admin/explainProblem';
import { checkNewPassword, passwordHint } from './passwordRules';

const labels = { current_password: 'Your current password', new_password: 'Your new password' };

/** ChangePasswordPage lets anyone signed in change their own password. */
export default function ChangePasswordPage({ title }: PageProps) {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  usePageTitle(done ? 'Your password is changed' : title, problem !== null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) doneHeading.current?.focus();
  }, [done]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = current === '' ? [{ field: 'current_password', message: 'Enter your current password' }] : [];
    errors.push(...checkNewPassword(next, confirm, 'new_password', 'confirm_password'));
    if (errors.length === 0 && next === current)
      errors.push({ field: 'new_password', message: 'Your new password must be different from your current one' });
    if (errors.length > 0) {
      setProblem(validationProblem(errors));
      return;
    }
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setProblem(null);
          setDone(true);
          setCurrent('');
          setNext('');
          setConfirm('');
        },
        onError: (err) => {
          setCurrent('');
          setProblem(explainProblem(err.problem, labels));
        },
      },
    );
  }

  if (done) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <div className="nhsuk-panel">
            <h1 className="nhsuk-panel__heading" ref={doneHeading} tabIndex={-1}>
              Your password is changed
            </h1>
            <div className="nhsuk-panel__body">Use your new password next time you sign in.</div>
          </div>
          <p>You have been signed out of Assure everywhere else. You are still signed in here.</p>
          <p>
            <Link to="/">Go to the Assure home page</Link>
          </p>
        </div>
      </div>
    );
  }

  const inline = fieldMessages(problem);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} options={{ fallbackField: 'current_password' }} />}
        <h1>{title}</h1>
        <p>Changing your password signs you out of Assure on every other device.</p>
        <form onSubmit={submit} noValidate>
          <PasswordInput
            id="current_password"
            label="Current password"
            autoComplete="current-password"
            value={current}
            error={inline.current_password}
            onChange={(e) => setCurrent(e.target.value)}
          />
          <PasswordInput
            id="new_password"
            label="New password"
            hint={passwordHint}
            autoComplete="new-password"
            value={next}
            error={inline.new_password}
            onChange={(e) => setNext(e.target.value)}
          />
          <PasswordInput
            id="confirm_password"
            label="Confirm new password"
            autoComplete="new-password"
            value={confirm}
            error={inline.confirm_password}
            onChange={(e) => setConfirm(e.target.value)}
          />
          <button className="nhsuk-button" type="submit" disabled={change.isPending}>
            {change.isPending ? 'Changing password…' : 'Change password'}
          </button>
        </form>
        <p>
          If you have forgotten your current password, sign out and ask the Assure administrator in your organisation to
          reset it.
        </p>
      </div>
    </div>
  );
}
