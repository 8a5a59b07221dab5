import type { Harm } from '../../api/issues';
import { harmLevels, type HarmWording } from './labels';

interface Props {
  /** Field name, also the first radio's id (so an error summary can link to it). */
  name: string;
  legend: string;
  hint?: string;
  wording: Record<Harm, HarmWording>;
  value: Harm | '';
  error?: string;
  onChange: (h: Harm) => void;
}

/** HarmRadios asks for one LFPSE harm level as NHS.UK small radios with hints. */
export default function HarmRadios({ name, legend, hint, wording, value, error, onChange }: Props) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
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
        <div className="nhsuk-radios nhsuk-radios--small">
          {harmLevels.map((h, i) => {
            const id = i === 0 ? name : `${name}-${h}`;
            return (
              <div className="nhsuk-radios__item" key={h}>
                <input
                  className="nhsuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={h}
                  checked={value === h}
                  aria-describedby={`${id}-item-hint`}
                  onChange={() => onChange(h)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                  {wording[h].label}
                </label>
                <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-item-hint`}>
                  {wording[h].hint}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
