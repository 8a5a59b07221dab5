import { useState, type InputHTMLAttributes } from 'react';
import { fieldIds } from '../lib/fieldIds';
import FormGroup from './FormGroup';

export interface PasswordInputProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'type'> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

/** PasswordInput is the NHS.UK password input, with a show/hide button. */
export default function PasswordInput({ id, label, hint, error, ...input }: PasswordInputProps) {
  const [visible, setVisible] = useState(false);
  // Announce a change only once the user has toggled, not on first render.
  const [toggled, setToggled] = useState(false);
  const { describedBy } = fieldIds(id, hint, error);
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} className="nhsuk-password-input">
      <div className="nhsuk-input-wrapper">
        <input
          className={`nhsuk-input nhsuk-password-input__input${error ? ' nhsuk-input--error' : ''}`}
          id={id}
          name={input.name ?? id}
          type={visible ? 'text' : 'password'}
          spellCheck={false}
          autoCapitalize="none"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          {...input}
        />
        <button
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-password-input__toggle"
          type="button"
          aria-controls={id}
          aria-label={visible ? 'Hide password' : 'Show password'}
          onClick={() => {
            setVisible((v) => !v);
            setToggled(true);
          }}
        >
          {visible ? 'Hide' : 'Show'}
        </button>
      </div>
      <div className="nhsuk-u-visually-hidden" aria-live="polite">
        {toggled ? (visible ? 'Your password is visible' : 'Your password is hidden') : ''}
      </div>
    </FormGroup>
  );
}
