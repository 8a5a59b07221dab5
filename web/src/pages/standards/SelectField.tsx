interface Option {
  value: string;
  label: string;
}

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** The first option, meaning "nothing chosen"; omit to require a choice. */
  emptyLabel?: string;
  hint?: string;
  error?: string;
}

/** SelectField is the NHS.UK select with its label, hint and error message. */
export default function SelectField({ id, label, value, onChange, options, emptyLabel, hint, error }: Props) {
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
      <select
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
