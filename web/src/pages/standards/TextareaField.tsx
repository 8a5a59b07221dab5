import type { ReactNode } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  rows?: number;
  maxLength?: number;
  className?: string;
  spellCheck?: boolean;
}

/** TextareaField is the NHS.UK textarea with its label, hint and error message. */
export default function TextareaField({ id, label, value, onChange, hint, error, rows = 4, maxLength, className, spellCheck }: Props) {
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
      <textarea
        className={['nhsuk-textarea', error ? 'nhsuk-textarea--error' : '', className ?? ''].filter(Boolean).join(' ')}
        id={id}
        name={id}
        rows={rows}
        maxLength={maxLength}
        value={value}
        spellCheck={spellCheck}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
