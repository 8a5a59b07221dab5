import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { allScopes, useCreateApiToken, type CreatedApiToken, type Scope } from '../../api/admin';
import { fieldMessages, validationProblem, type FieldError, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import TextInput from '../../components/TextInput';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import { addDays, formatDate, isDate, localDayStart, localToday } from '../audit/dates';
import BackLink from './BackLink';
import { explainProblem } from './explainProblem';
import NewTokenDone from './NewTokenDone';
import { describeScope } from './scopes';

type Expiry = '30' | '90' | '365' | 'date';

interface Form {
  label: string;
  scopes: Scope[];
  expiry: Expiry;
  date: string;
}

const presets: readonly { value: Exclude<Expiry, 'date'>; label: string }[] = [
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
];

const labels = { label: 'The label', scopes: 'Each permission', expires_at: 'The expiry date' };

function validate(f: Form, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (f.label.trim() === '') errors.push({ field: 'label', message: 'Enter a label that says what the token is for' });
  else if ([...f.label.trim()].length > 100) errors.push({ field: 'label', message: 'The label must be 100 characters or fewer' });
  if (f.scopes.length === 0) errors.push({ field: 'scopes', message: 'Select what the token can do' });
  if (f.expiry === 'date') {
    if (f.date === '') errors.push({ field: 'expires_at', message: 'Enter the date the token stops working' });
    else if (!isDate(f.date)) errors.push({ field: 'expires_at', message: 'The expiry date must be a real date' });
    else if (f.date <= today) errors.push({ field: 'expires_at', message: 'The expiry date must be in the future' });
    else if (f.date > addDays(today, 365)) errors.push({ field: 'expires_at', message: 'The expiry date must be within a year from today' });
  }
  return errors;
}

/** NewTokenPage creates an API token and shows its secret, once. */
export default function NewTokenPage({ title }: PageProps) {
  const create = useCreateApiToken();
  const [form, setForm] = useState<Form>({ label: '', scopes: [...allScopes], expiry: '90', date: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  usePageTitle(created ? 'API token created' : title, problem !== null);
  const today = localToday();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = validate(form, today);
    if (errors.length > 0) {
      setProblem(validationProblem(errors));
      return;
    }
    const day = form.expiry === 'date' ? form.date : addDays(today, Number(form.expiry));
    create.mutate(
      { label: form.label.trim(), scopes: form.scopes, expires_at: localDayStart(day) },
      {
        onSuccess: (t) => {
          setProblem(null);
          setCreated(t);
          window.scrollTo(0, 0);
        },
        onError: (err) => setProblem(explainProblem(err.problem, labels)),
      },
    );
  }

  if (created) return <NewTokenDone token={created} />;

  const inline = fieldMessages(problem);
  return (
    <>
      <BackLink to="/admin/tokens">Back to API tokens</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} options={{ fallbackField: 'label' }} />}
          <h1>{title}</h1>
          <form onSubmit={submit} noValidate>
            <TextInput
              id="label"
              label="Label"
              hint="Say which system will use it and for what, such as “Zabbix: EPR availability”."
              autoComplete="off"
              value={form.label}
              error={inline.label}
              onChange={(e) => setForm({ ...form, label: e.target.value })}
            />

            <div className={`nhsuk-form-group${inline.scopes ? ' nhsuk-form-group--error' : ''}`}>
              <fieldset className="nhsuk-fieldset" aria-describedby={inline.scopes ? 'scopes-error' : undefined}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">What can it do?</legend>
                {inline.scopes && (
                  <span className="nhsuk-error-message" id="scopes-error">
                    <span className="nhsuk-u-visually-hidden">Error:</span> {inline.scopes}
                  </span>
                )}
                <div className="nhsuk-checkboxes">
                  {allScopes.map((scope, i) => {
                    const id = i === 0 ? 'scopes' : `scopes-${scope}`;
                    return (
                      <div className="nhsuk-checkboxes__item" key={scope}>
                        <input
                          className="nhsuk-checkboxes__input"
                          id={id}
                          name="scopes"
                          type="checkbox"
                          value={scope}
                          checked={form.scopes.includes(scope)}
                          aria-describedby={`${id}-item-hint`}
                          onChange={(e) =>
                            setForm({
                              ...form,
                              scopes: e.target.checked
                                ? allScopes.filter((s) => s === scope || form.scopes.includes(s))
                                : form.scopes.filter((s) => s !== scope),
                            })
                          }
                        />
                        <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
                          {describeScope(scope)}
                        </label>
                        <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${id}-item-hint`}>
                          Record measured performance against the standards ({scope}).
                        </div>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            </div>

            <div className={`nhsuk-form-group${inline.expires_at ? ' nhsuk-form-group--error' : ''}`}>
              <fieldset className="nhsuk-fieldset" aria-describedby="expiry-hint">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">When should it stop working?</legend>
                <div className="nhsuk-hint" id="expiry-hint">
                  At most a year from today. Before then, create a new token and swap it in.
                </div>
                <div className="nhsuk-radios">
                  {presets.map((p, i) => (
                    <div className="nhsuk-radios__item" key={p.value}>
                      <input
                        className="nhsuk-radios__input"
                        id={i === 0 ? 'expiry' : `expiry-${p.value}`}
                        name="expiry"
                        type="radio"
                        value={p.value}
                        checked={form.expiry === p.value}
                        onChange={() => setForm({ ...form, expiry: p.value })}
                      />
                      <label className="nhsuk-label nhsuk-radios__label" htmlFor={i === 0 ? 'expiry' : `expiry-${p.value}`}>
                        {p.label}{' '}
                        <span className="nhsuk-u-secondary-text-colour">
                          ({formatDate(`${addDays(today, Number(p.value))}T12:00:00Z`)})
                        </span>
                      </label>
                    </div>
                  ))}
                  <div className="nhsuk-radios__item">
                    <input
                      className="nhsuk-radios__input"
                      id="expiry-date"
                      name="expiry"
                      type="radio"
                      value="date"
                      checked={form.expiry === 'date'}
                      aria-controls="conditional-expiry-date"
                      onChange={() => setForm({ ...form, expiry: 'date' })}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor="expiry-date">
                      On a date I choose
                    </label>
                  </div>
                  <div
                    className={`nhsuk-radios__conditional${form.expiry === 'date' ? '' : ' nhsuk-radios__conditional--hidden'}`}
                    id="conditional-expiry-date"
                  >
                    {form.expiry === 'date' && (
                      <TextInput
                        id="expires_at"
                        label="Expiry date"
                        hint="The token stops working at the start of this day."
                        type="date"
                        min={addDays(today, 1)}
                        max={addDays(today, 365)}
                        widthClass="nhsuk-input--width-10"
                        value={form.date}
                        error={inline.expires_at}
                        onChange={(e) => setForm({ ...form, date: e.target.value })}
                      />
                    )}
                  </div>
                </div>
              </fieldset>
            </div>

            <button className="nhsuk-button" type="submit" disabled={create.isPending}>
              {create.isPending ? 'Creating token…' : 'Create token'}
            </button>
          </form>
          <p>
            <Link to="/admin/tokens">Cancel</Link>
          </p>
        </div>
      </div>
    </>
  );
}
