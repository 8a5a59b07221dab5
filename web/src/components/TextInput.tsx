import type { InputHTMLAttributes } from 'react';

export interface TextInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  id: string;
  label: string;
  hint?: string;
  /** Inline error message; also marks the input as invalid. */
  error?: string;
  /** nhsuk width modifier, such as "nhsuk-input--width-20". */
  widthClass?: string;
}

/** TextInput is the NHS.UK text input with its label, hint and error message. */
export default function TextInput({ id, label, hint, error, widthClass, ...input }: TextInputProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
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
      <input
        className={['nhsuk-input', widthClass, error ? 'nhsuk-input--error' : ''].filter(Boolean).join(' ')}
        id={id}
        name={input.name ?? id}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </div>
  );
}
