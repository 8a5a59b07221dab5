import type { ApiToken } from '../../api/admin';

interface Props {
  status: ApiToken['status'];
}

/** TokenStatusTag says whether an API token still works. */
export default function TokenStatusTag({ status }: Props) {
  if (status === 'active') return <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>;
  if (status === 'revoked') return <strong className="nhsuk-tag nhsuk-tag--red">Revoked</strong>;
  return <strong className="nhsuk-tag nhsuk-tag--grey">Expired</strong>;
}
