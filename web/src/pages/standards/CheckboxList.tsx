interface Option {
  value: string;
  label: string;
  hint?: string;
}

interface Props {
  /** The first checkbox's id, which error summaries link to. */
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

/** CheckboxList is the NHS.UK checkboxes pattern for choosing several options. */
export default function CheckboxList({ id, legend, hint, error, options, selected, onChange }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  function toggle(value: string, on: boolean) {
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  }
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
        {options.length === 0 ? (
          <p className="app-cat-muted">There is nothing to choose yet.</p>
        ) : (
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            {options.map((o, i) => {
              const inputId = i === 0 ? id : `${id}-${i + 1}`;
              return (
                <div className="nhsuk-checkboxes__item" key={o.value}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={inputId}
                    name={id}
                    type="checkbox"
                    value={o.value}
                    checked={selected.includes(o.value)}
                    onChange={(e) => toggle(o.value, e.target.checked)}
                    aria-describedby={o.hint ? `${inputId}-item-hint` : undefined}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={inputId}>
                    {o.label}
                  </label>
                  {o.hint && (
                    <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${inputId}-item-hint`}>
                      {o.hint}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </fieldset>
    </div>
  );
}
