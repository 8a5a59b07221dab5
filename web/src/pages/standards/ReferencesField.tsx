import type { StandardReference } from '../../api/standards';
import { cssEscapeId } from '../../api/problem';

interface Props {
  references: readonly StandardReference[];
  onChange: (references: StandardReference[]) => void;
  /** Inline error messages by input id. */
  messages: Record<string, string>;
}

/**
 * ReferencesField edits a standard's references to external frameworks
 * (DSPT, CAF, DCB0160 hazard ids): a list of framework and identifier
 * pairs, each removable, with a button to add another.
 */
export default function ReferencesField({ references, onChange, messages }: Props) {
  function update(i: number, change: Partial<StandardReference>) {
    onChange(references.map((r, j) => (j === i ? { ...r, ...change } : r)));
  }
  function remove(i: number) {
    onChange(references.filter((_, j) => j !== i));
  }
  return (
    <div className="nhsuk-form-group">
      <fieldset className="nhsuk-fieldset" aria-describedby="references-hint">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">References (optional)</legend>
        <div className="nhsuk-hint" id="references-hint">
          Where the standard comes from: the Data Security and Protection Toolkit (DSPT), the Cyber Assessment Framework
          (CAF) or a DCB0160 hazard log entry.
        </div>
        {references.map((r, i) => {
          const schemeId = cssEscapeId(`references[${i}].scheme`);
          const idId = cssEscapeId(`references[${i}].id`);
          return (
            <div className="app-cat-reference-row" key={i}>
              <div className={`nhsuk-form-group${messages[schemeId] ? ' nhsuk-form-group--error' : ''}`}>
                <label className="nhsuk-label" htmlFor={schemeId}>
                  Framework<span className="nhsuk-u-visually-hidden"> of reference {i + 1}</span>
                </label>
                {messages[schemeId] && (
                  <span className="nhsuk-error-message" id={`${schemeId}-error`}>
                    <span className="nhsuk-u-visually-hidden">Error:</span> {messages[schemeId]}
                  </span>
                )}
                <input
                  className={`nhsuk-input nhsuk-input--width-10${messages[schemeId] ? ' nhsuk-input--error' : ''}`}
                  id={schemeId}
                  list="reference-schemes"
                  value={r.scheme}
                  maxLength={40}
                  aria-describedby={messages[schemeId] ? `${schemeId}-error` : undefined}
                  onChange={(e) => update(i, { scheme: e.target.value })}
                />
              </div>
              <div className={`nhsuk-form-group${messages[idId] ? ' nhsuk-form-group--error' : ''}`}>
                <label className="nhsuk-label" htmlFor={idId}>
                  Identifier<span className="nhsuk-u-visually-hidden"> of reference {i + 1}</span>
                </label>
                {messages[idId] && (
                  <span className="nhsuk-error-message" id={`${idId}-error`}>
                    <span className="nhsuk-u-visually-hidden">Error:</span> {messages[idId]}
                  </span>
                )}
                <input
                  className={`nhsuk-input nhsuk-input--width-10${messages[idId] ? ' nhsuk-input--error' : ''}`}
                  id={idId}
                  value={r.id}
                  maxLength={100}
                  aria-describedby={messages[idId] ? `${idId}-error` : undefined}
                  onChange={(e) => update(i, { id: e.target.value })}
                />
              </div>
              <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="button" onClick={() => remove(i)}>
                Remove<span className="nhsuk-u-visually-hidden"> reference {i + 1}</span>
              </button>
            </div>
          );
        })}
        <datalist id="reference-schemes">
          <option value="DSPT" />
          <option value="CAF" />
          <option value="DCB0160" />
        </datalist>
        <button
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          type="button"
          id="references"
          disabled={references.length >= 50}
          onClick={() => onChange([...references, { scheme: '', id: '' }])}
        >
          Add {references.length === 0 ? 'a' : 'another'} reference
        </button>
      </fieldset>
    </div>
  );
}
