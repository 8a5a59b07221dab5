import { useState, type InputHTMLAttributes } from 'react';

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
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group nhsuk-password-input${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
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
    </div>
  );
}
