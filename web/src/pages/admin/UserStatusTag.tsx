import type { User } from '../../api/admin';

interface Props {
  user: Pick<User, 'active' | 'has_password'>;
}

/** UserStatusTag says whether an account works: active, deactivated, or waiting for a password. */
export default function UserStatusTag({ user }: Props) {
  if (!user.active) return <strong className="nhsuk-tag nhsuk-tag--grey">Deactivated</strong>;
  if (!user.has_password) return <strong className="nhsuk-tag nhsuk-tag--yellow">Password not set</strong>;
  return <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>;
}
