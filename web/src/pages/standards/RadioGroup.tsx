interface Option {
  value: string;
  label: string;
  hint?: string;
}

interface Props {
  /** The first radio's id, which error summaries link to. */
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
}

/** RadioGroup is the NHS.UK radios pattern for choosing one option. */
export default function RadioGroup({ id, legend, hint, error, options, value, onChange, inline }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
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
        <div className={`nhsuk-radios${inline ? ' nhsuk-radios--inline' : ''}`}>
          {options.map((o, i) => {
            const inputId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div className="nhsuk-radios__item" key={o.value}>
                <input
                  className="nhsuk-radios__input"
                  id={inputId}
                  name={id}
                  type="radio"
                  value={o.value}
                  checked={value === o.value}
                  onChange={() => onChange(o.value)}
                  aria-describedby={o.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={inputId}>
                  {o.label}
                </label>
                {o.hint && (
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`${inputId}-item-hint`}>
                    {o.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
