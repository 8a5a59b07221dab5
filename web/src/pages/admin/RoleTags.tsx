import { describeRole } from '../../lib/roles';

interface Props {
  roles: readonly string[];
}

/** RoleTags shows a user's roles as tags, in plain words. */
export default function RoleTags({ roles }: Props) {
  if (roles.length === 0) return <>None</>;
  return (
    <span className="app-role-tags">
      {roles.map((r) => (
        <strong key={r} className="nhsuk-tag nhsuk-tag--blue">
          {describeRole(r).name}
        </strong>
      ))}
    </span>
  );
}
