import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useCreateUser, type CreatedUser, type NewUser, type Role } from '../../api/admin';
import { fieldMessages, validationProblem, type FieldError, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import PasswordInput from '../../components/PasswordInput';
import TextInput from '../../components/TextInput';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import BackLink from './BackLink';
import { explainProblem } from './explainProblem';
import NewUserDone from './NewUserDone';
import RoleCheckboxes from './RoleCheckboxes';

type Method = 'link' | 'password';

interface Form {
  name: string;
  email: string;
  roles: Role[];
  method: Method;
  password: string;
}

const empty: Form = { name: '', email: '', roles: [], method: 'link', password: '' };

const labels = { name: 'Full name', email: 'Email address', roles: 'Each role', password: 'The first password' };

function validate(f: Form): FieldError[] {
  const errors: FieldError[] = [];
  if (f.name.trim() === '') errors.push({ field: 'name', message: 'Enter their full name' });
  if (f.email.trim() === '') errors.push({ field: 'email', message: 'Enter their email address' });
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim()))
    errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@nhs.net' });
  if (f.roles.length === 0) errors.push({ field: 'roles', message: 'Select at least one role' });
  if (f.method === 'password') {
    if (f.password === '') errors.push({ field: 'password', message: 'Enter a first password, or choose to send a link' });
    else if ([...f.password].length < 12) errors.push({ field: 'password', message: 'The first password must be at least 12 characters' });
  }
  return errors;
}

/** NewUserPage adds a user, with a link to set their own password or a first password. */
export default function NewUserPage({ title }: PageProps) {
  const create = useCreateUser();
  const [form, setForm] = useState<Form>(empty);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<CreatedUser | null>(null);
  usePageTitle(done ? 'User added' : title, problem !== null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = validate(form);
    if (errors.length > 0) {
      setProblem(validationProblem(errors));
      return;
    }
    const body: NewUser = { name: form.name.trim(), email: form.email.trim(), roles: form.roles };
    if (form.method === 'password') body.password = form.password;
    create.mutate(body, {
      onSuccess: (created) => {
        setProblem(null);
        setDone(created);
        window.scrollTo(0, 0);
      },
      onError: (err) => setProblem(explainProblem(err.problem, labels)),
    });
  }

  if (done) {
    return (
      <NewUserDone
        created={done}
        onAddAnother={() => {
          setForm(empty);
          setDone(null);
          create.reset();
        }}
      />
    );
  }

  const inline = fieldMessages(problem);
  return (
    <>
      <BackLink to="/admin/users">Back to users</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} options={{ fallbackField: problem.status === 409 ? 'email' : 'name' }} />}
          <h1>{title}</h1>
          <form onSubmit={submit} noValidate>
            <TextInput
              id="name"
              label="Full name"
              autoComplete="off"
              spellCheck={false}
              value={form.name}
              error={inline.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
            <TextInput
              id="email"
              label="Email address"
              hint="They sign in with this. Use their work email address."
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={form.email}
              error={inline.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
            <RoleCheckboxes
              id="roles"
              legend="Roles"
              value={form.roles}
              error={inline.roles}
              onChange={(roles) => setForm({ ...form, roles })}
            />
            <div className="nhsuk-form-group">
              <fieldset className="nhsuk-fieldset">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">How will they get a password?</legend>
                <div className="nhsuk-radios">
                  <div className="nhsuk-radios__item">
                    <input
                      className="nhsuk-radios__input"
                      id="method"
                      name="method"
                      type="radio"
                      value="link"
                      checked={form.method === 'link'}
                      aria-describedby="method-hint"
                      onChange={() => setForm({ ...form, method: 'link', password: '' })}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor="method">
                      Give me a link to send them, so they choose their own
                    </label>
                    <div className="nhsuk-hint nhsuk-radios__hint" id="method-hint">
                      Recommended. The link works once, for 72 hours.
                    </div>
                  </div>
                  <div className="nhsuk-radios__item">
                    <input
                      className="nhsuk-radios__input"
                      id="method-password"
                      name="method"
                      type="radio"
                      value="password"
                      checked={form.method === 'password'}
                      aria-controls="conditional-password"
                      onChange={() => setForm({ ...form, method: 'password' })}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor="method-password">
                      Set a first password for them now
                    </label>
                  </div>
                  <div
                    className={`nhsuk-radios__conditional${form.method === 'password' ? '' : ' nhsuk-radios__conditional--hidden'}`}
                    id="conditional-password"
                  >
                    {form.method === 'password' && (
                      <PasswordInput
                        id="password"
                        label="First password"
                        hint="At least 12 characters. You will need to tell them it safely; ask them to change it when they first sign in."
                        autoComplete="new-password"
                        value={form.password}
                        error={inline.password}
                        onChange={(e) => setForm({ ...form, password: e.target.value })}
                      />
                    )}
                  </div>
                </div>
              </fieldset>
            </div>
            <button className="nhsuk-button" type="submit" disabled={create.isPending}>
              {create.isPending ? 'Adding user…' : 'Add user'}
            </button>
          </form>
          <p>
            <Link to="/admin/users">Cancel</Link>
          </p>
        </div>
      </div>
    </>
  );
}
