import { allRoles, type Role } from '../../api/admin';
import { describeRole } from '../../lib/roles';

interface Props {
  /** The first checkbox's id, which error summary links point at. */
  id: string;
  legend: string;
  /** Make the legend the heading of a section of the page (an h2), not a question in a form. */
  asHeading?: boolean;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string;
}

/**
 * RoleCheckboxes is the NHS.UK checkboxes pattern for a user's roles, each
 * explained in a hint, in the roles' canonical order.
 */
export default function RoleCheckboxes({ id, legend, asHeading = false, value, onChange, error }: Props) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  function toggle(role: Role, on: boolean) {
    const next = new Set(value);
    if (on) next.add(role);
    else next.delete(role);
    onChange(allRoles.filter((r) => next.has(r)));
  }
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
        {asHeading ? (
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
            <h2 className="nhsuk-fieldset__heading">{legend}</h2>
          </legend>
        ) : (
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{legend}</legend>
        )}
        <div className="nhsuk-hint" id={hintId}>
          Select all that apply. Each role adds to what the person can do.
        </div>
        {error && (
          <span className="nhsuk-error-message" id={errorId}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <div className="nhsuk-checkboxes">
          {allRoles.map((role, i) => {
            const inputId = i === 0 ? id : `${id}-${role}`;
            const role_ = describeRole(role);
            return (
              <div className="nhsuk-checkboxes__item" key={role}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={inputId}
                  name={id}
                  type="checkbox"
                  value={role}
                  checked={value.includes(role)}
                  aria-describedby={`${inputId}-item-hint`}
                  onChange={(e) => toggle(role, e.target.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={inputId}>
                  {role_.name}
                </label>
                <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${inputId}-item-hint`}>
                  {role_.canDo}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
