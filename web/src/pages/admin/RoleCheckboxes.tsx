import { allRoles, type Role } from '../../api/admin';
import Choices from '../../components/Choices';
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
  return (
    <Choices
      type="checkbox"
      id={id}
      legend={asHeading ? <h2 className="nhsuk-fieldset__heading">{legend}</h2> : legend}
      legendClassName={asHeading ? 'nhsuk-fieldset__legend--l' : 'nhsuk-fieldset__legend--m'}
      hint="Select all that apply. Each role adds to what the person can do."
      error={error}
      options={allRoles.map((role) => ({ value: role, label: describeRole(role).name, hint: describeRole(role).canDo }))}
      listClassName="nhsuk-checkboxes"
      isChecked={(role) => value.includes(role)}
      onChange={(role, on) => {
        const next = new Set(value);
        if (on) next.add(role);
        else next.delete(role);
        onChange(allRoles.filter((r) => next.has(r)));
      }}
      itemId={(role) => `${id}-${role}`}
    />
  );
}
